#!/usr/bin/env bash
# Synthesizes the AWS stack to CloudFormation (offline: no AWS account or credentials needed) and copies
# it to deploy/template/Streamwatch.template.json, the template committed for review and for
# `aws cloudformation deploy`. Context overrides: scripts/synth.sh -c shardCount=4 is not supported here;
# use `cd deploy && npx cdk synth -c shardCount=4` or edit deploy/cdk.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl deploy -am install -DskipTests
(cd deploy && mvn -B -q -ntp exec:java)
mkdir -p deploy/template
cp deploy/cdk.out/Streamwatch.template.json deploy/template/Streamwatch.template.json
echo "wrote deploy/template/Streamwatch.template.json"

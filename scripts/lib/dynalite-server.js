// dynalite (in memory) as the project runs it: the npm package's own command line, plus one guard.
//
// dynalite 4.0.0 rethrows a request's 'error' event (index.js: req.on('error', err => { throw err })), so a
// client that drops its connection in the middle of a request (an SDK call timing out, a consumer killed
// with SIGKILL, a test's TCP proxy cutting the network) ends the whole process with ECONNRESET 'aborted'.
// Such an error concerns one connection that is already gone; anything else still ends the process.
'use strict';
const path = require('path');

process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.code === 'EPIPE') ) {
    console.error(`dynalite: a client dropped its connection mid-request (${err.code} ${err.message}); ignored`);
    return;
  }
  console.error(err);
  process.exit(1);
});

require(path.join(__dirname, '..', '..', 'node_modules', 'dynalite', 'cli.js'));

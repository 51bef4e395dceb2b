#!/usr/bin/env node
// The PouchDB side's server: express-pouchdb (the routes PouchDB replication needs, gzip answers
// through the `compression` middleware) over LevelDB databases kept in DATA_DIR.
// Usage: node server.js DATA_DIR        prints "listening on 127.0.0.1:PORT" once ready.
'use strict';
const fs = require('fs');
const path = require('path');
const express = require('express');
const PouchDB = require('pouchdb');

const dataDir = process.argv[2];
if (!dataDir) {
    console.error('usage: server.js DATA_DIR');
    process.exit(2);
}
fs.mkdirSync(dataDir, { recursive: true });
const ServerPouch = PouchDB.defaults({ prefix: path.resolve(dataDir) + path.sep });
const app = express();
app.use('/', require('express-pouchdb')(ServerPouch, { mode: 'minimumForPouchDB' }));
const server = app.listen(0, '127.0.0.1', () => {
    console.log(`listening on 127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

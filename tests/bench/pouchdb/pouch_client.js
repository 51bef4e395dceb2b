#!/usr/bin/env node
// The PouchDB side's laptop: a LevelDB PouchDB database in DB_DIR.
//   node pouch_client.js load DB_DIR DOCS.jsonl   fill the database with one document per line (not timed)
//   node pouch_client.js push DB_DIR URL          replicate DB_DIR to the server database at URL
//   node pouch_client.js pull DB_DIR URL          replicate the server database at URL into DB_DIR
// push and pull print one JSON line: docs read and written, and the replication's own seconds
// (from opening the databases to PouchDB's "complete"; Node's start and module loading are not in it).
// Replication uses PouchDB's defaults (batch_size 100, batches_limit 10), as an application would.
// HTTP connections are kept alive between requests, as a browser does (PouchDB in Node otherwise asks
// for `Connection: close` on every request); POUCH_KEEPALIVE=0 restores that Node default.
'use strict';
const fs = require('fs');
const http = require('http');
const readline = require('readline');
const PouchDB = require('pouchdb');

async function load(dir, file) {
    const db = new PouchDB(dir);
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    let batch = [];
    let count = 0;
    for await (const line of lines) {
        if (!line.trim()) continue;
        batch.push(JSON.parse(line));
        if (batch.length === 1000) { await db.bulkDocs(batch); count += batch.length; batch = []; }
    }
    if (batch.length) { await db.bulkDocs(batch); count += batch.length; }
    const info = await db.info();
    await db.close();
    console.log(JSON.stringify({ loaded: count, doc_count: info.doc_count }));
}

async function replicate(mode, dir, url) {
    const start = performance.now();
    const local = new PouchDB(dir);
    const agent = process.env.POUCH_KEEPALIVE === '0' ? null : new http.Agent({ keepAlive: true });
    const remote = agent ? new PouchDB(url, { fetch: (u, o) => PouchDB.fetch(u, { ...o, agent }) }) : new PouchDB(url);
    const result = mode === 'push' ? await PouchDB.replicate(local, remote) : await PouchDB.replicate(remote, local);
    const seconds = (performance.now() - start) / 1000;
    const info = await local.info();
    await local.close();
    if (agent) agent.destroy();
    console.log(JSON.stringify({ ok: result.ok, docs_read: result.docs_read, docs_written: result.docs_written,
                                 doc_write_failures: result.doc_write_failures, local_doc_count: info.doc_count,
                                 seconds }));
}

const [mode, dir, target] = process.argv.slice(2);
const run = mode === 'load' ? load(dir, target) : (mode === 'push' || mode === 'pull') ? replicate(mode, dir, target) : null;
if (!run || !dir || !target) {
    console.error('usage: pouch_client.js load|push|pull DB_DIR DOCS.jsonl|URL');
    process.exit(2);
}
run.catch((e) => { console.error(e); process.exit(1); });

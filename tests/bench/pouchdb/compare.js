#!/usr/bin/env node
// Médiane's sync against PouchDB replicating to an express-pouchdb server, on the same records.
// Run through tests/bench/pouchdb_compare.sh, which installs the npm peers first; see docs/benchmarks.md.
//
//   node compare.js MEDIANE RESIN_HUB SCALE RUNS OUT_FILE
// Environment: PROXY_KBIT (default 1000) and PROXY_RTT_MS (default 50) shape the throttled link;
// THROTTLED_RUNS (default RUNS) how many of the runs also go through it; TOOLS=mediane or TOOLS=pouchdb runs
// one side only (default both); KEEP_WORK=1 keeps the work folder.
//
// Both tools build the same content: Médiane's demo notebook, and for PouchDB one document per record
// of that notebook's outbox (the latest operation of each record: what Médiane pushes), built with sqlite3.
// Every timed run starts from a copy of a fresh laptop and an empty server, and goes through
// link_proxy.js, which counts the bytes in both directions (shaping nothing on "loopback").
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const [MEDIANE, HUB, SCALE, RUNS_ARG, OUT_FILE] = process.argv.slice(2);
if (!MEDIANE || !HUB || !SCALE || !RUNS_ARG || !OUT_FILE) {
    console.error('usage: compare.js MEDIANE RESIN_HUB small|large RUNS OUT_FILE');
    process.exit(2);
}
const RUNS = Number(RUNS_ARG);
const THROTTLED_RUNS = Number(process.env.THROTTLED_RUNS ?? RUNS);
const KBIT = Number(process.env.PROXY_KBIT ?? 1000);
const RTT_MS = Number(process.env.PROXY_RTT_MS ?? 50);
const TOOLS = (process.env.TOOLS ?? 'mediane,pouchdb').split(',').filter((t) => t === 'mediane' || t === 'pouchdb');
const PASSWORD = 'correct horse battery';
const STRUCTURE = 'Association Parlons Numérique';
const TERRITORY = 'metropole-lyon';
const HERE = __dirname;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'pouchdb-compare-'));
const CLK_TCK = 100;

const children = new Set();
function cleanup() {
    for (const c of children) { try { c.kill('SIGTERM'); } catch (_) { /* gone */ } }
    if (process.env.KEEP_WORK !== '1') fs.rmSync(WORK, { recursive: true, force: true });
    else console.error(`work folder kept: ${WORK}`);
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

function log(line) { process.stderr.write(line + '\n'); }

// A command that must succeed; returns its stdout.
function run(cmd, args, input) {
    const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
}

// A long-lived process (hub, server, proxy): resolves once it printed "listening on ADDR".
function startServer(cmd, args, logFile) {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', fs.openSync(logFile, 'a')] });
        children.add(child);
        child.on('exit', () => children.delete(child));
        let seen = false;
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
            const m = /^listening on ([0-9.]+:[0-9]+)/.exec(line);
            if (m && !seen) { seen = true; resolve({ child, addr: m[1] }); }
        });
        child.on('exit', (code) => { if (!seen) reject(new Error(`${cmd} exited (${code}) before listening; see ${logFile}`)); });
    });
}
function stop(child) {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
    });
}
// User + system CPU seconds of a running process so far.
function cpuSeconds(pid) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
// One timed client process under /usr/bin/time; resolves with its wall time, CPU, peak RSS and stdout.
function timed(cmd, args, input) {
    const timeFile = path.join(WORK, `time-${process.hrtime.bigint()}.json`);
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '{"user":%U,"sys":%S,"maxrss_kb":%M}', cmd, ...args],
                            { stdio: ['pipe', 'pipe', 'pipe'] });
        children.add(child);
        let out = '', err = '';
        child.stdout.on('data', (d) => { out += d; });
        child.stderr.on('data', (d) => { err += d; });
        child.stdin.end(input ?? '');
        child.on('exit', (code) => {
            children.delete(child);
            const wall = (performance.now() - start) / 1000;
            if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`));
            const t = JSON.parse(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop());
            resolve({ wall, cpu: t.user + t.sys, maxrssKb: t.maxrss_kb, stdout: out });
        });
    });
}
function proxyArgs(target, stats, link) {
    const args = [path.join(HERE, 'link_proxy.js'), '--target', target, '--stats', stats];
    return link === 'throttled' ? [...args, '--kbit', String(KBIT), '--rtt-ms', String(RTT_MS)] : args;
}
// Milliseconds the hub logged for its /v1/ requests, from line `from` of its log on.
function hubRequestMs(logFile, from) {
    const lines = fs.readFileSync(logFile, 'utf8').split('\n');
    let ms = 0, count = 0;
    for (const line of lines.slice(from)) {
        const m = /\/v1\/\S*.*?\s([0-9.]+)ms\b/.exec(line);
        if (m) { ms += Number(m[1]); count += 1; }
    }
    return { ms, count, lines: lines.length - 1 };
}
function lineCount(file) { return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').length - 1 : 0; }

// One timed step through a fresh proxy: the client's command, bytes both ways, the server's CPU.
async function throughProxy(name, runDir, serverChild, serverAddr, link, clientCmd) {
    const stats = path.join(runDir, `${name}.proxy.json`);
    const proxy = await startServer('node', proxyArgs(serverAddr, stats, link), path.join(runDir, `${name}.proxy.log`));
    const serverCpu0 = cpuSeconds(serverChild.pid);
    const r = await clientCmd(proxy.addr);
    const serverCpu = cpuSeconds(serverChild.pid) - serverCpu0;
    await stop(proxy.child);
    const wire = JSON.parse(fs.readFileSync(stats, 'utf8'));
    return { ...r, serverCpu, up: wire.up, down: wire.down, bytes: wire.up + wire.down, connections: wire.connections };
}

let template = null;

async function prepare() {
    const t0 = performance.now();
    const laptop = path.join(WORK, 'template-laptop');
    log(`Médiane demo notebook (--scale ${SCALE} --seed 1)...`);
    const demo = run(MEDIANE, ['--data', laptop, 'demo', '--scale', SCALE, '--seed', '1']);
    const notebook = path.join(laptop, 'mediane.sqlite');
    // The same records for PouchDB: one document per record, its latest outbox fields.
    const docsFile = path.join(WORK, 'docs.jsonl');
    const sql = "SELECT json_array(entity, record_id, op, json(fields)) FROM outbox WHERE state = 'pending' AND seq IN " +
                '(SELECT max(seq) FROM outbox GROUP BY entity, record_id) ORDER BY seq;';
    const rows = run('sqlite3', ['-readonly', notebook, sql]).split('\n').filter(Boolean);
    const perEntity = {};
    let docs = '', jsonBytes = 0, deletes = 0;
    for (const row of rows) {
        const [entity, recordId, op, fields] = JSON.parse(row);
        if (op === 'delete') { deletes += 1; continue; }
        perEntity[entity] = (perEntity[entity] ?? 0) + 1;
        const doc = JSON.stringify({ _id: `${entity}:${recordId}`, entity, ...fields });
        jsonBytes += Buffer.byteLength(doc);
        docs += doc + '\n';
    }
    fs.writeFileSync(docsFile, docs);
    const pendingOps = Number(run('sqlite3', ['-readonly', notebook, "SELECT count(*) FROM outbox WHERE state = 'pending';"]).trim());
    log(`  ${rows.length - deletes} documents for PouchDB (${JSON.stringify(perEntity)}), ${pendingOps} pending Médiane operations`);
    const pouch = path.join(WORK, 'template-pouch');
    const loaded = JSON.parse(run('node', [path.join(HERE, 'pouch_client.js'), 'load', pouch, docsFile]).trim());
    // An empty hub with two advisers of the demo's structure: alice owns the demo laptop, bruno the second one.
    const hub = path.join(WORK, 'template-hub');
    for (const login of ['alice', 'bruno'])
        run(HUB, ['--data', hub, 'user', 'add', '--login', login, '--role', 'adviser', '--structure', STRUCTURE,
                  '--territory', TERRITORY], PASSWORD + '\n');
    log(`  prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    template = { laptop, pouch, hub, docs: loaded.doc_count, pendingOps, perEntity, jsonBytes, demo: demo.trim() };
}

async function medianeRun(runDir, link) {
    const hubDir = path.join(runDir, 'hub');
    fs.cpSync(template.hub, hubDir, { recursive: true });
    const hubLog = path.join(runDir, 'hub.log');
    const hub = await startServer(HUB, ['--data', hubDir, '--listen', '127.0.0.1:0'], hubLog);
    const direct = `http://${hub.addr}`;
    const a = path.join(runDir, 'laptop-a'), b = path.join(runDir, 'laptop-b');
    fs.cpSync(template.laptop, a, { recursive: true });
    run(MEDIANE, ['--data', a, 'enroll', '--hub', direct, '--login', 'alice'], PASSWORD + '\n');
    run(MEDIANE, ['--data', b, 'enroll', '--hub', direct, '--login', 'bruno'], PASSWORD + '\n');
    const result = {};
    // The push is the laptop's push alone, as PouchDB's is a one-way replication; the same laptop's next sync
    // (settle: the conflicts and held markers its push left to pull) is timed apart and reported beside it.
    for (const [scenario, dir, extra] of [['push', a, ['--push-only']], ['settle', a, []], ['pull', b, []]]) {
        const from = lineCount(hubLog);
        const r = await throughProxy(`mediane-${scenario}`, runDir, hub.child, hub.addr, link,
                                     (addr) => timed(MEDIANE, ['--data', dir, 'sync', '--hub', `http://${addr}`, ...extra]));
        const out = JSON.parse(r.stdout);
        const hubMs = hubRequestMs(hubLog, from);
        result[scenario] = { ...r, stdout: undefined, records: scenario === 'pull' ? out.pulled : out.pushed,
                             inner: out.push_seconds + out.pull_seconds, hubMs: hubMs.ms, requests: hubMs.count,
                             selfBytes: out.bytes_sent + out.bytes_received, report: out };
        if (scenario === 'push' && (out.rejected || out.refused || out.pending_changes))
            log(`  warning: push left rejected ${out.rejected}, refused ${out.refused}, pending ${out.pending_changes}`);
    }
    await stop(hub.child);
    return result;
}

async function pouchRun(runDir, link) {
    const server = await startServer('node', [path.join(HERE, 'server.js'), path.join(runDir, 'server')],
                                     path.join(runDir, 'server.log'));
    const a = path.join(runDir, 'pouch-a'), b = path.join(runDir, 'pouch-b');
    fs.cpSync(template.pouch, a, { recursive: true });
    const client = path.join(HERE, 'pouch_client.js');
    const result = {};
    for (const [scenario, dir] of [['push', a], ['pull', b]]) {
        const r = await throughProxy(`pouch-${scenario}`, runDir, server.child, server.addr, link,
                                     (addr) => timed('node', [client, scenario, dir, `http://${addr}/notebook`]));
        const out = JSON.parse(r.stdout);
        if (!out.ok || out.doc_write_failures || out.local_doc_count !== template.docs)
            log(`  warning: PouchDB ${scenario} ${JSON.stringify(out)}`);
        result[scenario] = { ...r, stdout: undefined, records: out.docs_written, inner: out.seconds, report: out };
    }
    await stop(server.child);
    return result;
}

function median(values) {
    const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((x, y) => x - y);
    if (!v.length) return NaN;
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

async function main() {
    await prepare();
    const samples = {};  // samples[link][tool][scenario] = [run results]
    const add = (link, tool, res) => {
        samples[link] ??= {};
        samples[link][tool] ??= { push: [], pull: [], both: [], settle: [], pushAndSettle: [] };
        for (const s of ['push', 'pull']) samples[link][tool][s].push(res[s]);
        if (res.settle) {
            samples[link][tool].settle.push(res.settle);
            samples[link][tool].pushAndSettle.push({ wall: res.push.wall + res.settle.wall });
        }
        // Médiane's full sync of both laptops: the push, the pushing laptop's settle and the new laptop's pull.
        const sum = (k) => res.push[k] + (res.settle ? res.settle[k] : 0) + res.pull[k];
        samples[link][tool].both.push({ wall: sum('wall'), inner: sum('inner'), bytes: sum('bytes'), up: sum('up'),
                                        down: sum('down'), cpu: sum('cpu'), serverCpu: sum('serverCpu'),
                                        connections: sum('connections'), records: sum('records') });
    };
    const links = ['loopback', 'throttled'];
    for (let i = 0; i < RUNS; i++) {
        for (const link of links) {
            if (link === 'throttled' && i >= THROTTLED_RUNS) continue;
            const order = i % 2 === 0 ? ['mediane', 'pouchdb'] : ['pouchdb', 'mediane'];
            for (const tool of order.filter((t) => TOOLS.includes(t))) {
                const runDir = path.join(WORK, `run-${i}-${link}-${tool}`);
                fs.mkdirSync(runDir);
                const res = tool === 'mediane' ? await medianeRun(runDir, link) : await pouchRun(runDir, link);
                add(link, tool, res);
                log(`run ${i + 1}/${RUNS} ${link} ${tool}: push ${res.push.wall.toFixed(2)} s ${res.push.bytes} B, ` +
                    `pull ${res.pull.wall.toFixed(2)} s ${res.pull.bytes} B`);
                fs.rmSync(runDir, { recursive: true, force: true });
            }
        }
        report(samples, i + 1);  // after every round, so an interrupted run still leaves its figures
    }
}

function fmt(x, digits = 2) { return Number.isFinite(x) ? x.toFixed(digits) : '—'; }
function int(x) { return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—'; }

function report(samples, rounds) {
    const lines = [];
    const p = (s = '') => lines.push(s);
    p(`# Médiane sync vs PouchDB replication (express-pouchdb), ${SCALE} demo, ${new Date().toISOString()}`);
    p();
    p(`Records: ${template.pendingOps} Médiane operations pending on the demo laptop; ${template.docs} PouchDB documents ` +
      `(one per record: ${Object.entries(template.perEntity).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
      `${int(template.jsonBytes)} B of JSON).`);
    p(`Runs: ${rounds} of ${RUNS} on loopback, ${Math.min(rounds, THROTTLED_RUNS)} through the throttled link ` +
      `(${KBIT} kbit/s each way, ${RTT_MS} ms added per round trip); tools alternated, medians shown.`);
    p('Médiane seconds: the whole `mediane sync` process (`--push-only` for the push, as PouchDB\'s push is a one-way ' +
      'replication). PouchDB seconds: PouchDB.replicate() from opening the databases to "complete" (Node start-up ' +
      'and module loading excluded).');
    p('Bytes: both directions as counted by the proxy (TCP payload: HTTP heads and bodies). push = a fresh laptop ' +
      'with the whole notebook pushes to an empty server; pull = a second, empty laptop then syncs; push + pull = the ' +
      'two, summed per run, with Médiane\'s settle (the pushing laptop\'s next sync) added: both laptops\' whole syncs.');
    p();
    p('| link | scenario | Médiane s | PouchDB s | Médiane ÷ PouchDB time | PouchDB ÷ Médiane (speed-up) | Médiane bytes | PouchDB bytes | bytes ratio | Médiane B/record | PouchDB B/record |');
    p('|---|---|---|---|---|---|---|---|---|---|---|');
    const scenarioName = { push: 'large push', pull: 'first pull', both: 'push + pull' };
    for (const link of Object.keys(samples)) {
        for (const s of ['push', 'pull', 'both']) {
            const m = samples[link].mediane?.[s] ?? [], q = samples[link].pouchdb?.[s] ?? [];
            const mt = median(m.map((r) => r.wall)), qt = median(q.map((r) => r.inner));
            const mb = median(m.map((r) => r.bytes)), qb = median(q.map((r) => r.bytes));
            const mr = median(m.map((r) => r.records)), qr = median(q.map((r) => r.records));
            p(`| ${link} | ${scenarioName[s]} | ${fmt(mt)} | ${fmt(qt)} | ${fmt(mt / qt)} | ${fmt(qt / mt, 1)}× | ` +
              `${int(mb)} | ${int(qb)} | ${fmt(mb / qb, 3)} | ${fmt(mb / mr, 0)} | ${fmt(qb / qr, 0)} |`);
        }
    }
    for (const link of Object.keys(samples)) {
        const settle = samples[link].mediane?.settle ?? [];
        if (!settle.length) continue;
        const both = median(samples[link].mediane.pushAndSettle.map((r) => r.wall));
        const q = median((samples[link].pouchdb?.push ?? []).map((r) => r.inner));
        p();
        p(`${link}: the pushing laptop's next \`mediane sync\` (settle: its push's ${int(median(settle.map((r) => r.report.new_conflicts)))} ` +
          `conflicts and held markers pulled back) took ${fmt(median(settle.map((r) => r.wall)))} s, ` +
          `${int(median(settle.map((r) => r.bytes)))} B; push and settle together ${fmt(both)} s` +
          (Number.isFinite(q) ? `, ${fmt(q / both, 1)}× PouchDB's push.` : '.'));
    }
    p();
    p('Where the time goes (medians): client = the client process (user + sys CPU, peak RSS); server = CPU the hub ' +
      'or the express-pouchdb server used during the step; hub ms = the hub\'s own logged time for its /v1 requests.');
    p();
    p('| link | tool | scenario | wall s | replication s (own report) | client CPU s | client peak RSS MB | server CPU s | hub ms (requests) | records | bytes up | bytes down | TCP connections |');
    p('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const link of Object.keys(samples)) {
        for (const tool of ['mediane', 'pouchdb'].filter((t) => samples[link][t])) {
            for (const s of ['push', 'pull']) {
                const r = samples[link][tool][s];
                const med = (k) => median(r.map((x) => x[k]));
                p(`| ${link} | ${tool === 'mediane' ? 'Médiane' : 'PouchDB'} | ${scenarioName[s]} | ${fmt(med('wall'))} | ` +
                  `${fmt(med('inner'))} | ${fmt(med('cpu'))} | ${fmt(med('maxrssKb') / 1024, 0)} | ${fmt(med('serverCpu'))} | ` +
                  `${tool === 'mediane' ? `${int(med('hubMs'))} (${int(med('requests'))})` : '—'} | ${int(med('records'))} | ` +
                  `${int(med('up'))} | ${int(med('down'))} | ${int(med('connections'))} |`);
            }
        }
    }
    p();
    p('Every run (wall s / bytes):');
    for (const link of Object.keys(samples))
        for (const tool of ['mediane', 'pouchdb'].filter((t) => samples[link][t]))
            for (const s of ['push', 'pull'])
                p(`- ${link} ${tool} ${s}: ` + samples[link][tool][s].map((r) => `${fmt(tool === 'mediane' ? r.wall : r.inner)}/${r.bytes}`).join(', '));
    const first = samples.loopback?.mediane?.push?.[0]?.report;
    if (first) p(`\nMédiane's own report of one loopback push: ${JSON.stringify({ ...first, refused_ops: undefined })}`);
    const text = lines.join('\n') + '\n';
    fs.writeFileSync(OUT_FILE, text);
    if (rounds === RUNS) process.stdout.write(text);
    log(`written to ${OUT_FILE} (${rounds} of ${RUNS} rounds)`);
}

main().catch((e) => { console.error(e); process.exit(1); });

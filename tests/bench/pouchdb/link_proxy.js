#!/usr/bin/env node
// A TCP proxy on 127.0.0.1 that counts the bytes of every connection in both directions and can
// behave like a slow link: each direction is a queue drained at --kbit kilobits per second, and
// every chunk arrives --rtt-ms / 2 milliseconds after it left the queue (so a request and its
// answer pay --rtt-ms on top of their transmission time). With --rtt-ms, a new connection's first
// bytes towards the server also wait one round trip, the TCP handshake a real link would cost.
//
// Usage: node link_proxy.js --target HOST:PORT --stats FILE [--kbit N] [--rtt-ms N]
// Prints "listening on 127.0.0.1:PORT" once ready. On SIGTERM or SIGINT it writes
// {"up": client->server bytes, "down": server->client bytes, "connections": n} to FILE and exits.
'use strict';
const net = require('net');
const fs = require('fs');

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const [targetHost, targetPort] = arg('--target', '').split(':');
const statsFile = arg('--stats', '');
const kbit = Number(arg('--kbit', '0'));          // 0: no bandwidth limit
const oneWayMs = Number(arg('--rtt-ms', '0')) / 2; // 0: no added latency
if (!targetHost || !targetPort || !statsFile) {
    console.error('usage: link_proxy.js --target HOST:PORT --stats FILE [--kbit N] [--rtt-ms N]');
    process.exit(2);
}
const bytesPerMs = kbit > 0 ? (kbit * 1000) / 8 / 1000 : Infinity;
const PIECE = 16 * 1024;          // larger chunks are split so the queue drains smoothly
const HIGH_WATER = 256 * 1024;    // the link's buffer: the sender is paused above it

const stats = { up: 0, down: 0, connections: 0 };

// One direction of the link: from `src` to `dst`, in order.
function pipeLink(src, dst, counter, openedAt) {
    const shaped = kbit > 0 || oneWayMs > 0;
    const queue = [];        // [deliverAt, piece], deliverAt non-decreasing
    let linkFreeAt = openedAt; // when the link will have sent everything accepted so far
    let inFlight = 0;        // bytes accepted but not yet delivered
    let timer = null;
    let srcEnded = false;
    const drain = () => {
        timer = null;
        const now = performance.now();
        while (queue.length && queue[0][0] <= now + 0.5) {
            const [, piece] = queue.shift();
            inFlight -= piece.length;
            if (!dst.destroyed) dst.write(piece);
        }
        if (queue.length) timer = setTimeout(drain, Math.max(0, queue[0][0] - now));
        if (inFlight < HIGH_WATER && src.isPaused()) src.resume();
        if (!queue.length && srcEnded && !dst.destroyed) dst.end();
    };
    src.on('data', (chunk) => {
        stats[counter] += chunk.length;
        if (!shaped) {
            if (!dst.write(chunk)) {
                src.pause();
                dst.once('drain', () => src.resume());
            }
            return;
        }
        const now = performance.now();
        for (let off = 0; off < chunk.length; off += PIECE) {
            const piece = chunk.subarray(off, Math.min(chunk.length, off + PIECE));
            linkFreeAt = Math.max(now, linkFreeAt) + piece.length / bytesPerMs;
            queue.push([linkFreeAt + oneWayMs, piece]);
            inFlight += piece.length;
        }
        if (inFlight >= HIGH_WATER) src.pause();
        if (!timer) timer = setTimeout(drain, Math.max(0, queue[0][0] - now));
    });
    src.on('end', () => {
        srcEnded = true;
        if (!shaped || !queue.length) dst.end();
    });
}

const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections += 1;
    client.setNoDelay(true);
    const upstream = net.connect({ host: targetHost, port: Number(targetPort), allowHalfOpen: true });
    upstream.setNoDelay(true);
    const now = performance.now();
    pipeLink(client, upstream, 'up', now + 2 * oneWayMs);
    pipeLink(upstream, client, 'down', now);
    const close = () => { client.destroy(); upstream.destroy(); };
    client.on('error', close);
    upstream.on('error', close);
});

function finish() {
    fs.writeFileSync(statsFile, JSON.stringify(stats) + '\n');
    process.exit(0);
}
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
server.listen(0, '127.0.0.1', () => {
    console.log(`listening on 127.0.0.1:${server.address().port}`);
});

#!/usr/bin/env node
// Starts s3rver 3.7.1 on 127.0.0.1 for AwsAio's integration tests.
//
//   node start-s3rver.js <directory> [port] [--ignore-stdin]
//
// - Listens on 127.0.0.1 only; port 0 (the default) lets the OS choose a free one.
// - Prints exactly one line, `LISTENING <port>`, to stdout once the server accepts connections.
// - Counts the S3 requests it receives. Two control paths, answered here and never seen by s3rver nor counted:
//     GET    /__awsaio/requests  -> the count as plain text
//     DELETE /__awsaio/requests  -> resets the count to 0 (204)
// - Exits cleanly on SIGTERM / SIGINT, and when its standard input closes, so that a test host that dies without
//   disposing its fixture does not leave an orphaned node process behind. Pass --ignore-stdin to run it by hand
//   with stdin redirected from /dev/null.
//
// s3rver is mounted through its documented `callback()` on our own http.Server (rather than `run()`), so that the
// counter sees every request before s3rver does.
'use strict';

const http = require('http');
const S3rver = require('s3rver');

const args = process.argv.slice(2);
const ignoreStdin = args.includes('--ignore-stdin');
const positional = args.filter(a => !a.startsWith('--'));
const [directory, portArg] = positional;

if (!directory) {
  process.stderr.write('usage: node start-s3rver.js <directory> [port] [--ignore-stdin]\n');
  process.exit(2);
}
const port = portArg === undefined ? 0 : Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`invalid port: ${portArg}\n`);
  process.exit(2);
}

const CONTROL_PATH = '/__awsaio/requests';
let requestCount = 0;

const s3rver = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
});
const s3Handler = s3rver.callback();

const server = http.createServer((req, res) => {
  const path = (req.url || '').split('?')[0];
  if (path === CONTROL_PATH) {
    if (req.method === 'GET') {
      const body = String(requestCount);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } else if (req.method === 'DELETE') {
      requestCount = 0;
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(405, { Allow: 'GET, DELETE' });
      res.end();
    }
    return;
  }
  requestCount += 1;
  s3Handler(req, res);
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  // Keep-alive connections would hold close() open: drop them, and do not wait longer than a moment.
  server.close(() => process.exit(code));
  if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
  setTimeout(() => process.exit(code), 2000).unref();
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
if (!ignoreStdin) {
  process.stdin.on('end', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.on('data', () => {});
  process.stdin.resume();
}

server.on('error', err => {
  process.stderr.write(`s3rver failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

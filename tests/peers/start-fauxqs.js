#!/usr/bin/env node
// Starts fauxqs 1.9.2 (its S3 part) on 127.0.0.1 for AwsAio's integration tests: the second S3 peer, for what
// s3rver lacks (AbortMultipartUpload, x-amz-copy-source copies, ranged reads).
//
//   node start-fauxqs.js [port] [--ignore-stdin]
//
// - Listens on 127.0.0.1 only (fauxqs's own startFauxqs() would listen on every interface); port 0 (the default)
//   lets the OS choose a free one.
// - Prints exactly one line, `LISTENING <port>`, to stdout once the server accepts connections.
// - Control paths, answered here and never counted:
//     GET    /__awsaio/requests  -> the number of S3 requests received, as plain text
//     DELETE /__awsaio/requests  -> resets that count to 0 (204)
//     GET    /__awsaio/uploads   -> the multipart uploads the store holds open (created, neither completed nor
//                                   aborted), as plain text: what ListMultipartUploads would list, which neither peer
//                                   implements. Read from the store itself (S3Store.multipartUploads), so a test can
//                                   prove that a failed upload left no parts behind.
// - Exits cleanly on SIGTERM / SIGINT, and when its standard input closes (pass --ignore-stdin to run it by hand).
'use strict';

const path = require('path');
const { pathToFileURL } = require('url');

const args = process.argv.slice(2);
const ignoreStdin = args.includes('--ignore-stdin');
const positional = args.filter(a => !a.startsWith('--'));
const port = positional[0] === undefined ? 0 : Number(positional[0]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`invalid port: ${positional[0]}\n`);
  process.exit(2);
}

const dist = path.join(__dirname, 'node_modules', 'fauxqs', 'dist');
const load = file => import(pathToFileURL(path.join(dist, file)).href);

async function main() {
  const [{ buildApp }, { S3Store }, { SqsStore }, { SnsStore }] = await Promise.all([
    load('app.js'), load('s3/s3Store.js'), load('sqs/sqsStore.js'), load('sns/snsStore.js'),
  ]);
  const s3Store = new S3Store();
  const app = buildApp({ logger: false, stores: { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store } });

  let requestCount = 0;
  const control = new Set(['/__awsaio/requests', '/__awsaio/uploads']);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!control.has((request.url || '').split('?')[0])) requestCount += 1;
    done();
  });
  const text = (reply, value) => reply.header('content-type', 'text/plain').send(String(value));
  app.get('/__awsaio/requests', async (_request, reply) => text(reply, requestCount));
  app.delete('/__awsaio/requests', async (_request, reply) => { requestCount = 0; reply.status(204).send(); });
  app.get('/__awsaio/uploads', async (_request, reply) => text(reply, s3Store.multipartUploads.size));

  let stopping = false;
  const stop = code => {
    if (stopping) return;
    stopping = true;
    app.close().then(() => process.exit(code), () => process.exit(code));
    setTimeout(() => process.exit(code), 2000).unref();
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  if (!ignoreStdin) {
    process.stdin.on('end', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.on('data', () => {});
    process.stdin.resume();
  }

  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${app.server.address().port}\n`);
}

main().catch(err => {
  process.stderr.write(`fauxqs failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});

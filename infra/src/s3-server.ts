// Runs s3rver as its own process so the object store can be stopped and restarted
// independently of the API (the health check must notice).
// Usage: node --openssl-legacy-provider s3-server.ts <dir> <port>
import { createCipheriv } from 'node:crypto';
import S3rver from 's3rver';

const [directory, portText] = process.argv.slice(2);
if (!directory || !portText) {
  console.error('usage: s3-server.ts <directory> <port>');
  process.exit(2);
}
// s3rver signs the continuation token of every truncated listing with single DES, which
// OpenSSL 3 only has in its legacy provider: without it, listing more than 1,000 objects
// answers HTTP 500. Refuse to run rather than fail later (stack.ts passes the flag).
try {
  createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  console.error('s3-server.ts needs DES: run it with node --openssl-legacy-provider');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(portText),
  directory,
  silent: true,
  configureBuckets: [],
});
await server.run();
console.log(`s3rver listening on 127.0.0.1:${portText}`);
const shutdown = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

// A receiver for trying webhooks locally: prints each delivery and whether its signature verifies.
//
//   WEBHOOK_SECRET=whsec_… node scripts/webhook-receiver.mjs [port]     (default port 4455)
//
// Subscribe http://127.0.0.1:4455/hooks in the staff app (Webhooks) with the product started with
// WEBHOOK_ALLOW_PRIVATE_TARGETS=true, then paste the secret shown once into WEBHOOK_SECRET.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/api/package.json', import.meta.url));
const { Webhook } = require('standardwebhooks');
const port = Number(process.argv[2] ?? 4455);
const secret = process.env.WEBHOOK_SECRET;

http
  .createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verdict = 'not checked (no WEBHOOK_SECRET)';
      if (secret) {
        try {
          new Webhook(secret).verify(body, req.headers);
          verdict = 'signature OK';
        } catch (err) {
          verdict = `signature REFUSED: ${err.message}`;
        }
      }
      console.log(`${new Date().toISOString()} ${req.headers['webhook-id']} ${verdict}\n  ${body}`);
      res.writeHead(verdict.startsWith('signature REFUSED') ? 400 : 204).end();
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}/hooks`));

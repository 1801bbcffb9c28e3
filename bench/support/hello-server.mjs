// The load benchmark's yardstick: the smallest Fastify app, in its own process like the site's
// instances. Prints its port, then serves until killed.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.stdout.write(`listening ${app.server.address().port}\n`);

// A dependency-free HTTP server for the JavaScript integration tests: it listens where the AppHost says (PORT),
// answers /health, and shows the environment it was started with on /env.
const http = require('node:http');

const port = Number(process.env.PORT);
if (!port) {
  console.error('PORT is not set');
  process.exit(2);
}

const server = http.createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  } else if (request.url === '/env') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.env));
  } else {
    response.writeHead(404).end();
  }
});

server.listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

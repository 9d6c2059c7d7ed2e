const http = require('node:http');
http.createServer((req, res) => res.end(req.url === '/health' ? 'Healthy' : `weather at ${process.env.services__weatherapi__http__0}`))
  .listen(process.env.PORT ?? 5223);

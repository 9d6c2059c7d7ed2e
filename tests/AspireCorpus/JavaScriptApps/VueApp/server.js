require('node:http').createServer((req, res) => res.end('vue')).listen(process.env.PORT ?? 8080);

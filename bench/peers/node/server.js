// The original Node.js/Express design, written again as a benchmark peer: the same four HTTP metrics, the same /health
// body and GET /api/example as the .NET backend. PEER_INSTRUMENTED=1 (with --require ./instrument.js) turns on metrics,
// tracing and Sentry; without it the same app runs plain, so the two can be compared like the .NET service's switch.
const express = require('express');

const instrumented = process.env.PEER_INSTRUMENTED === '1';
const port = Number(process.env.PORT || 3001);
const app = express();
app.disable('x-powered-by');

if (instrumented) {
  const client = require('prom-client');
  const labelNames = ['method', 'route', 'status'];
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request duration.', labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const requests = new client.Counter({ name: 'http_requests_total', help: 'HTTP requests served.', labelNames });
  const errors = new client.Counter({ name: 'http_errors_total', help: 'HTTP requests answered with status 400 or above.', labelNames });
  const active = new client.Gauge({ name: 'http_active_connections', help: 'HTTP requests in progress.' });
  client.collectDefaultMetrics();

  app.use((req, res, next) => {
    const end = duration.startTimer();
    active.inc();
    res.on('finish', () => {
      active.dec();
      // The route template, never the raw path (cardinality), as the .NET middleware does.
      const labels = { method: req.method, route: req.route ? req.baseUrl + req.route.path : 'unmatched', status: String(res.statusCode) };
      end(labels);
      requests.inc(labels);
      if (res.statusCode >= 400) errors.inc(labels);
    });
    next();
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', client.register.contentType);
    res.end(await client.register.metrics());
  });
}

app.get('/health', (_req, res) => {
  const memory = process.memoryUsage();
  res.json({
    uptime: process.uptime(),
    memory: { rss: memory.rss, heapTotal: memory.heapTotal },
    timestamp: Date.now(),
    status: 'healthy',
    services: {},
    version: '1.0.0',
    environment: process.env.NODE_ENV || 'production',
  });
});

app.get('/api/example', (_req, res) => res.json({ data: 'example' }));

if (instrumented) {
  require('@sentry/node').setupExpressErrorHandler(app);
}

const server = app.listen(port, '127.0.0.1', () => console.log(`node peer listening on ${port} (instrumented: ${instrumented})`));
// Graceful stop for the plain peer; the instrumented one exits after its OpenTelemetry flush (instrument.js).
if (!instrumented) process.on('SIGTERM', () => server.close(() => process.exit(0)));

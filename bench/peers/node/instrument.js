// Loaded with `node --require ./instrument.js` before anything else, as the original system did: OpenTelemetry has to
// patch http and express before they are first required, and Sentry must see the process start.
const Sentry = require('@sentry/node');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');

// Errors only, like the .NET services: Sentry's own tracing stays off and OpenTelemetry is set up below, not by Sentry.
Sentry.init({ dsn: process.env.SENTRY_DSN, skipOpenTelemetrySetup: true, sendDefaultPii: false });

const ignored = new Set(['/health', '/metrics']);
const sdk = new NodeSDK({
  serviceName: 'node-peer',
  // OTEL_EXPORTER_OTLP_ENDPOINT gives the base address; the exporter appends /v1/traces. Batched, as the .NET exporter.
  traceExporter: new OTLPTraceExporter(),
  instrumentations: [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => ignored.has(req.url) }),
    new ExpressInstrumentation(),
  ],
});
sdk.start();

process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(0)));

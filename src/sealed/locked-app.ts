import express, { type Express } from 'express';
import { securityHeaders } from '../web/middleware/security-headers';

/**
 * What a sealed server serves until an operator unseals it: a health check that says so, and one
 * plain page for everything else (503, no script, no form: the passphrase never travels over HTTP).
 */
const LOCKED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Exposure Check is locked</title><link rel="stylesheet" href="/static/css/site.css"></head>
<body><main id="main"><h1>Exposure Check is locked</h1>
<p>This server keeps its key sealed until an operator unlocks it after a restart. No checks can be made until then.</p>
<p>Operators: run <code>npm run unseal</code> on the server.</p></main></body></html>
`;

export function createLockedApp(publicDir: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(...securityHeaders());
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'sealed' });
  });
  app.use('/static', express.static(publicDir, { index: false, maxAge: 0 }));
  app.use((_req, res) => {
    res.status(503).set('Retry-After', '60').set('Cache-Control', 'no-store').type('html').send(LOCKED_PAGE);
  });
  return app;
}

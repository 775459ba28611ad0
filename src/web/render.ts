import type { Response } from 'express';

/**
 * Renders a page inside the layout: the page first, then `layout.ejs` with the page as its body.
 * Locals reaching a view come from presenters, never from a database row. A template failure falls
 * back to a plain 500 rather than to Express's default handler, which would print a stack.
 */
export function renderPage(res: Response, view: string, locals: Record<string, unknown> & { title: string }, status = 200): void {
  const fail = (err: Error) => {
    res.req.log?.error({ err: { type: err.name } }, 'template failed');
    if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong. Try again in a moment.');
  };
  const all = { ...res.locals, ...locals };
  res.render(`pages/${view}`, all, (err: Error | null, body: string) => {
    if (err) return fail(err);
    res.render('layout', { ...all, body }, (err2: Error | null, html: string) => {
      if (err2) return fail(err2);
      res.status(status).type('html').send(html);
    });
  });
}

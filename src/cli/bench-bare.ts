/**
 * The baseline for `npm run bench`: Express 5 and nothing else, answering one short HTML page.
 * It reads PORT straight from the environment rather than through config.ts on purpose: the
 * baseline must load no module of the app, so its speed and memory are Express's alone.
 */
import express from 'express';

const page = '<!doctype html><title>x</title><p>hello</p>';
const app = express();
app.get('/', (_req, res) => {
  res.type('html').send(page);
});
app.listen(Number(process.env.PORT));

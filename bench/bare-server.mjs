// The baseline: a bare node:http server answering every request with the same bytes and headers
// Beacon sends for its public page, with no routing, no middleware and no logging.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [bodyPath, contentType] = process.argv.slice(2);
const body = readFileSync(bodyPath);
const headers = { 'Content-Type': contentType, 'Content-Length': String(body.length) };
const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config.js';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('configuration', () => {
  it('listens on every address unless HOST names one, and refuses a HOST that is no address', () => {
    expect(loadConfig({}).host).to.equal(undefined);
    expect(loadConfig({ HOST: ' 127.0.0.1 ' }).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).to.equal('::1');
    expect(() => loadConfig({ HOST: '127.0.0.1; rm -rf /' })).to.throw(ConfigError, /HOST must be an address/);
  });

  it('serves on the HOST and PORT it is given, with links built from BASE_URL', async function () {
    this.timeout(20_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-host-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), BASE_URL: 'https://zapisnik.example.org' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const log = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('listens on')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`the server ended (${code}) before listening`)));
      });
      expect(log).to.contain('listens on 127.0.0.1, port ' + port).and.to.contain('https://zapisnik.example.org');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).to.equal(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

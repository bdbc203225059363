import { ConfigError, loadConfig } from './config.js';
import { DatabaseTooNewError, openDb } from './db/index.js';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { createLogger } from './logger.js';
import { scaleStoredLogos } from './logos.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Zápisník cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  let db;
  try {
    db = openDb(config.databaseFile);
  } catch (error) {
    if (error instanceof DatabaseTooNewError) {
      logger.fatal(error.message);
      console.error(`Zápisník cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const clock = systemClock(config.timeZone);
  const app = createApp({ db, config, logger, clock });
  const scaled = await scaleStoredLogos(db, config.uploadsDir, () => clock.now(), logger);
  if (scaled) logger.info(`scaled ${scaled} project logos to the size the footer prints`);
  const listening = () => logger.info(`Zápisník listens on ${config.host ?? 'every address'}, port ${config.port}, for ${config.baseUrl} (data in ${config.dataDir})`);
  const server = config.host ? app.listen(config.port, config.host, listening) : app.listen(config.port, listening);
  const shutdown = () => {
    server.close(() => {
      app.shutdown();
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();

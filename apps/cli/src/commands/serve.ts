import type { Command } from 'commander';
import { FolderLockedError, loadConfig, startServer } from '@stratum/server';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Start the Stratum server (web UI and API) / 启动服务')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .action(async (opts: { port?: string }) => {
      if (opts.port) process.env.PORT = opts.port;
      let server;
      try {
        server = await startServer(loadConfig());
      } catch (err) {
        if (err instanceof FolderLockedError) {
          console.error(err.message);
          process.exit(3);
        }
        throw err;
      }
      const stop = async (signal: string) => {
        server.app.log.info(`${signal}: shutting down`);
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}

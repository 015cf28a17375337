import { loadConfig } from './config';
import { startServer } from './server';

/** `npm start`: the whole product on one machine. Ctrl-C stops the server and the database cleanly. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const server = await startServer(config, (m) => console.log(`[liandong] ${m}`));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  console.log(`联动监督平台已启动（${seconds} 秒） — Liandong is running`);
  console.log(`  登录 Sign in:        ${server.url}/login`);
  console.log(`  接口文档 API docs:    ${server.url}/api/docs`);
  console.log(`  数据库 Database:      ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL, data in ${config.dataDir}/pg`}`);
  if (config.demo || server.demoLoaded) {
    console.log('  演示账号 Demo accounts: docs/demo-accounts.md (密码 password: Demo@2026lz)');
  }
  for (const a of server.firstAdmins) console.log(`  初始管理员 ${a.username} / ${a.password} （首次登录须修改密码并绑定动态口令）`);
  console.log('  按 Ctrl-C 停止 — press Ctrl-C to stop');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[liandong] ${signal}: stopping server and database…`);
    await server.stop();
    console.log('[liandong] stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('[liandong] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

/** Settings read from the environment at start-up (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; anything else is a SQLite file path. */
  databaseUrl: string;
  dataDir: string;
  /** The origin viewers use, e.g. `https://status.example.com`; links and CSRF checks use it. */
  publicUrl: string;
  /** Server secret for HMACs; never stored in the database. */
  secret: string;
  logLevel: string;
}

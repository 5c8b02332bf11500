/** The two storage backends: embedded SQLite (default) and PostgreSQL (`DATABASE_URL`). */
export type Dialect = 'sqlite' | 'postgres';

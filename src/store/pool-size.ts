/**
 * Connections kept open to PostgreSQL when DATABASE_POOL_SIZE is unset; also how many commands the
 * chat adapters work on at once. Kept apart from the database code so the configuration can name
 * it without loading a driver.
 */
export const DEFAULT_POOL_SIZE = 10;

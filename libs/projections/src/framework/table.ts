export type Dialect = 'sqlite' | 'postgres';

/**
 * Column kinds portable across both engines. Instants are ISO-8601 UTC text (they sort as text);
 * money amounts are decimal strings (never floats); JSON is text; booleans are 0/1 integers.
 */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'real' | 'json' | 'boolean';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  nullable?: boolean;
}

export interface IndexSpec {
  columns: string[];
  unique?: boolean;
}

/** One read-model table: the single definition behind its DDL (live and shadow) and its TypeORM entity. */
export interface ReadModelTable {
  name: string;
  columns: ColumnSpec[];
  primaryKey: string[];
  indexes?: IndexSpec[];
}

function sqlType(kind: ColumnKind, dialect: Dialect): string {
  switch (kind) {
    case 'text':
    case 'json':
      return 'TEXT';
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'bigint':
      return dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
    case 'real':
      return dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL';
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown column kind ${String(unknownKind)}`);
    }
  }
}

/**
 * DDL for a table under a physical name. Index names carry a generation tag because SQLite cannot
 * rename an index: after a shadow table is swapped in, its indexes keep the names they were born with,
 * and the next rebuild must not collide with them.
 */
export function createTableDdl(table: ReadModelTable, physicalName: string, dialect: Dialect, generation: string): string[] {
  const columns = table.columns.map((c) => `${c.name} ${sqlType(c.kind, dialect)}${c.nullable ? '' : ' NOT NULL'}`);
  const ddl = [`CREATE TABLE IF NOT EXISTS ${physicalName} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.join(', ')}))`];
  for (const index of table.indexes ?? []) {
    const name = `ix_${table.name}_${index.columns.join('_')}_${generation}`.slice(0, 63);
    ddl.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${physicalName} (${index.columns.join(', ')})`);
  }
  return ddl;
}

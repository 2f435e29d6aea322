/**
 * Queries built and compiled once, then run with new values.
 *
 * Kysely builds a query's tree and compiles it to SQL on every run. In a
 * loop of one channel lookup that took about 4 µs of its 9, and every tree
 * is garbage for the collector. A prepared query is built with stand-ins
 * for its values, compiled the first time it runs on a database, and
 * afterwards only swaps the stand-ins in its parameter list for the
 * values given.
 *
 * A query compiles once per dialect adapter, so the SQL always matches the
 * database it runs on. The values must map one to one onto parameters: a
 * list spread by `in` would compile to a fixed number of them.
 */
import type {
  CompiledQuery,
  Compilable,
  DialectAdapter,
  Kysely,
} from 'kysely';

import type { Executor } from './database.js';
import type { Database } from './schema.js';
import { executeCompiled } from './sqlite-dialect.js';

const STAND_IN = Symbol('prepared query value');

interface StandIn {
  readonly [STAND_IN]: string;
}

function isStandIn(value: unknown): value is StandIn {
  return typeof value === 'object' && value !== null && STAND_IN in value;
}

/**
 * Compiles the query with stand-ins and checks that each stand-in that
 * `build` read became a parameter. One written into the SQL text, as
 * `sql.raw` does, would run as "[object Object]".
 */
function compileWithStandIns<Values, Row>(
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
  executor: Executor,
): CompiledQuery<Row> {
  const namesRead = new Set<string>();
  const standIns = new Proxy({}, {
    get: (_target, name) => {
      namesRead.add(String(name));
      return { [STAND_IN]: String(name) };
    },
  });
  const query = build(executor, standIns as Values).compile();
  for (const parameter of query.parameters) {
    if (isStandIn(parameter)) namesRead.delete(parameter[STAND_IN]);
  }
  const [inlined] = namesRead;
  if (inlined !== undefined) {
    throw new Error(`Prepared query value "${inlined}" is not a parameter ` +
      `of its SQL (${query.sql}); pass it as a value, not as a literal.`);
  }
  return query;
}

export interface PreparedQuery<Values, Row> {
  /** Runs the query with these values and returns its rows. */
  execute(executor: Executor, values: Values): Promise<Row[]>;
}

/**
 * Prepares the query that `build` returns. `build` receives the database
 * and an object whose fields stand in for the values of each run. It may
 * use those fields only as values, never in `if`s or as lists.
 */
export function prepareQuery<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
): PreparedQuery<Values, Row> {
  const compiled = new WeakMap<DialectAdapter, CompiledQuery<Row>>();
  return {
    async execute(executor, values) {
      const adapter = executor.getExecutor().adapter;
      let query = compiled.get(adapter);
      if (query === undefined) {
        query = compileWithStandIns(build, executor);
        compiled.set(adapter, query);
      }
      const parameters = query.parameters.map((parameter) => {
        if (!isStandIn(parameter)) return parameter;
        const name = parameter[STAND_IN];
        if (!(name in values)) {
          throw new Error(`Prepared query value "${name}" is missing; ` +
            'pass every field the query was built with.');
        }
        return values[name];
      });
      const result = await executeCompiled<Row>(executor,
        { ...query, parameters });
      return result.rows;
    },
  };
}

// npm run db:migration -- <name>   creates prisma/sql/<UTC timestamp>_<name>.sql to write by hand
// npm run db:migration             renders every prisma/sql/*.sql into both migration folders
// The native schema engine that `prisma migrate dev` needs cannot be installed here (docs/stack.md §2), so a
// migration is written once in portable SQL and rendered for SQLite and PostgreSQL. The db tests apply
// every migration to both databases and exercise every model through Prisma, so drift fails the tests.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderAll } from "./render-migrations";

const name = process.argv[2];
if (name) {
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error("Migration name: lower-case letters, digits and _ only, e.g. add_task_tags");
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const file = path.join("prisma/sql", `${stamp}_${name}.sql`);
  writeFileSync(file, `-- ${name}: write portable SQL (SQLite types; DATETIME/REAL are rendered for PostgreSQL)\n`);
  console.log(`Created ${file}. Write the SQL, update prisma/schema.prisma to match, then run: npm run db:migration`);
} else {
  const written = renderAll();
  console.log(written.length ? `Rendered:\n  ${written.join("\n  ")}` : "Migrations are up to date.");
}

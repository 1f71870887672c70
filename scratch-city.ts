import pg from 'pg';
import { openDatabase, migrateDatabase } from './server/db/client';
import { buildCity } from './bench/city';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query('drop database if exists subtree_scratch with (force)');
await admin.query('create database subtree_scratch');
await admin.end();
const database = openDatabase('postgres://postgres@127.0.0.1:5432/subtree_scratch', 4);
await migrateDatabase(database);
const t0 = performance.now();
await buildCity(database, 1_000_000);
const q = (text: string) => database.pool.query(text);
await q(`insert into residents (id, code, name, gender, birth_date, phone, household_id, place_id, place_path,
                                  dwelling_id, tenure) overriding system value
           select d.id, 'CR' || d.id, '居民' || d.id, case when d.id % 2 = 0 then 'male' else 'female' end,
                  date '1950-01-01' + ((d.id::bigint * 7919) % 25000)::int, '139' || lpad(d.id::text, 8, '0'),
                  d.id, d.place_id, d.place_path, d.id, case when d.id % 2 = 0 then 'owner' else 'family' end
           from dwellings d`);
await q(`insert into ownerships (dwelling_id, resident_id) select dwelling_id, id from residents where tenure = 'owner'`);
await q('vacuum analyze');
console.log('built in', ((performance.now() - t0) / 1000).toFixed(0), 's');
await database.close();

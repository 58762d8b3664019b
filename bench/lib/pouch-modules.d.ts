// The benchmark peer's packages ship no types; the benchmark uses a small part of them.
declare module 'pouchdb-core';
declare module 'pouchdb-adapter-memory';
declare module 'pouchdb-adapter-http';
declare module 'pouchdb-replication';
declare module 'express-pouchdb';
declare module 'express';

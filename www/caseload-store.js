// The caseload's store: IndexedDB in this browser, every entry encrypted with a key only the
// passphrase opens (issue 35). Nothing of an entry is readable in storage without the passphrase.
//
// Keys: PBKDF2-HMAC-SHA256 (PBKDF2_ITERATIONS, a random 16-byte salt) turns the passphrase into a
// key-encryption key that wraps two random keys: an AES-GCM-256 data key (entries, backups) and an
// HMAC-SHA256 key that turns a case id into its record key (so the id, which holds a date, is not
// readable either, and the same id twice is refused inside the write transaction). Unwrapped keys are
// non-extractable and live only in this module's memory; locking drops them. Each record is sealed
// with a fresh random 96-bit nonce, its record key and version as additional data (a record cannot be
// moved to another key or version unnoticed), and padded to a multiple of PAD bytes (the length of a
// note does not show). Every change is one transaction with strict durability; a change carries the
// version it was read at and is refused when another tab wrote in between (compare-and-swap inside the
// transaction); a BroadcastChannel tells the other tabs to reload.

const DB_NAME = 'wor-caseload';
const DB_VERSION = 2; // version 1 kept the entries in plain text in the store `cases`
const PLAIN = 'cases';
const META = 'meta';
const RECORDS = 'records';
const FORMAT = 'wor-caseload-enc/1';
const BACKUP_FORMAT = 'wor-caseload-backup/1';
/** OWASP Password Storage Cheat Sheet (2023 onwards) for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
/** A backup's own count is honoured within these bounds (a crafted file cannot hang the page). */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE = 12;
const PAD = 512;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A problem the caseload words itself: `key` names its sentence in loop-strings.js. */
export class CaseloadError extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

/** While unlocked: { data, mac } (non-extractable CryptoKeys). */
let session = null;

// -------------------------------------------------------------------------------------------------
// IndexedDB

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: 'rid' });
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close(); // never block "Caseload wissen" in another tab
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  });
}

/**
 * Runs `fn(tx, abort)` in one transaction over `stores` and resolves with its return value (a
 * request's result) once the transaction has committed; `abort(error)` rolls everything back.
 */
async function transact(stores, mode, fn) {
  const db = await openDb();
  const names = stores.filter((s) => db.objectStoreNames.contains(s));
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(names, mode, { durability: 'strict' });
      let failure = null;
      const abort = (error) => {
        failure = error;
        tx.abort();
      };
      const out = fn(tx, abort);
      tx.oncomplete = () => resolve(out instanceof IDBRequest ? out.result : out);
      tx.onabort = () => reject(failure ?? storageError(tx.error));
    });
  } finally {
    db.close();
  }
}

function storageError(error) {
  if (error?.name === 'QuotaExceededError') return new CaseloadError('storageFull');
  return new CaseloadError('storageFailed', { msg: error?.name ?? 'AbortError' });
}

async function exists() {
  return !indexedDB.databases || (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/** The entries an earlier version stored unencrypted (store `cases` of database version 1). */
async function plainEntries() {
  if (!(await exists())) return [];
  const db = await openDb();
  const has = db.objectStoreNames.contains(PLAIN);
  db.close();
  return has ? transact([PLAIN], 'readonly', (tx) => tx.objectStore(PLAIN).getAll()) : [];
}

/** Deletes the whole database (not only its rows), so nothing of the caseload stays behind. */
export function wipe() {
  session = null;
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => {
      announce('cleared');
      resolve();
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

// -------------------------------------------------------------------------------------------------
// Keys and sealing

const random = (n) => crypto.getRandomValues(new Uint8Array(n));

async function keyEncryptionKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', enc.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base,
    { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

const KEY_KINDS = {
  data: { alg: { name: 'AES-GCM', length: 256 }, usages: ['encrypt', 'decrypt'] },
  mac: { alg: { name: 'HMAC', hash: 'SHA-256', length: 256 }, usages: ['sign'] },
};

const wrapParams = (iv, kind) => ({ name: 'AES-GCM', iv, additionalData: enc.encode(`${FORMAT}|key|${kind}`) });

async function wrap(kek, key, kind) {
  const iv = random(12);
  return { iv, ct: new Uint8Array(await crypto.subtle.wrapKey('raw', key, kek, wrapParams(iv, kind))) };
}

/** The wrapped keys opened with the passphrase; a wrong passphrase fails GCM's check. */
async function unwrapKeys(passphrase, kdf, wrapped) {
  const kek = await keyEncryptionKey(passphrase, kdf.salt, kdf.iterations);
  try {
    const out = {};
    for (const [kind, { alg, usages }] of Object.entries(KEY_KINDS)) {
      const w = wrapped[kind];
      out[kind] = await crypto.subtle.unwrapKey('raw', w.ct, kek, wrapParams(w.iv, kind), alg, false, usages);
    }
    return out;
  } catch {
    throw new CaseloadError('wrongPassphrase');
  }
}

/** Fresh keys, wrapped under a new salt; returns the meta record and the non-extractable keys. */
async function newKeys(passphrase) {
  const kdf = { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: random(16) };
  const kek = await keyEncryptionKey(passphrase, kdf.salt, kdf.iterations);
  const wrapped = {};
  for (const [kind, { alg, usages }] of Object.entries(KEY_KINDS)) {
    // Extractable only long enough to be wrapped; the session holds the unwrapped, non-extractable copy.
    wrapped[kind] = await wrap(kek, await crypto.subtle.generateKey(alg, true, usages), kind);
  }
  const meta = { format: FORMAT, kdf, keys: wrapped };
  return { meta, keys: await unwrapKeys(passphrase, kdf, wrapped) };
}

/** The record key of a case id: HMAC, so it is stable for the id and reveals nothing without the key. */
async function recordKey(id, keys = session) {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.mac, enc.encode(`case|${id}`)));
  return Array.from(mac.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

function padded(value) {
  const bytes = enc.encode(JSON.stringify(value));
  const out = new Uint8Array(Math.ceil((bytes.length + 1) / PAD) * PAD).fill(0x20); // JSON ignores trailing spaces
  out.set(bytes);
  return out;
}

async function seal(value, aad, keys = session) {
  const iv = random(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, keys.data, padded(value));
  return { iv, ct: new Uint8Array(ct) };
}

async function open({ iv, ct }, aad, keys = session) {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, keys.data, ct);
  return JSON.parse(dec.decode(plain));
}

const recordAad = (rid, v) => `${FORMAT}|record|${rid}|${v}`;

async function sealRecord(entry, v, keys = session) {
  const rid = await recordKey(entry.id, keys);
  return { rid, v, ...(await seal(entry, recordAad(rid, v), keys)) };
}

function unlocked() {
  if (!session) throw new CaseloadError('locked');
  return session;
}

// -------------------------------------------------------------------------------------------------
// State, passphrase, lock

/** 'new' (nothing stored), 'plain' (an unencrypted caseload from before), 'locked' or 'unlocked'. */
export async function state() {
  if (session) return 'unlocked';
  if (!(await exists())) return 'new';
  const { meta, plain } = await transact([META, PLAIN], 'readonly', (tx) => ({
    meta: tx.objectStore(META).get('keys'),
    plain: tx.objectStoreNames.contains(PLAIN) ? tx.objectStore(PLAIN).count() : null,
  })).then((r) => ({ meta: r.meta.result, plain: r.plain?.result ?? 0 }));
  if (meta) return 'locked';
  return plain ? 'plain' : 'new';
}

export const isUnlocked = () => session !== null;

/**
 * Sets the first passphrase and unlocks. A plain caseload from before is encrypted and its plain copy
 * removed in the same transaction: either both happen or neither. Returns the number migrated.
 */
export async function setPassphrase(passphrase) {
  if (passphrase.length < MIN_PASSPHRASE) throw new CaseloadError('passphraseShort', { n: MIN_PASSPHRASE });
  const { meta, keys } = await newKeys(passphrase);
  const plain = await plainEntries();
  const records = await Promise.all(plain.map((e) => sealRecord(e, 1, keys)));
  await transact([META, RECORDS, PLAIN], 'readwrite', (tx, abort) => {
    const metaStore = tx.objectStore(META);
    metaStore.get('keys').onsuccess = (ev) => {
      if (ev.target.result) return abort(new CaseloadError('passphraseExists')); // another tab was first
      metaStore.put(meta, 'keys');
      for (const r of records) tx.objectStore(RECORDS).put(r);
      if (tx.objectStoreNames.contains(PLAIN)) tx.objectStore(PLAIN).clear();
      return undefined;
    };
  });
  session = keys;
  announce('changed');
  return records.length;
}

/** Unlocks with the passphrase; a wrong one changes nothing and throws `wrongPassphrase`. */
export async function unlock(passphrase) {
  const meta = await transact([META], 'readonly', (tx) => tx.objectStore(META).get('keys'));
  if (!meta) throw new CaseloadError('noPassphrase');
  session = await unwrapKeys(passphrase, meta.kdf, meta.keys);
}

/** Drops the keys: nothing of the caseload can be read until the passphrase is entered again. */
export function lock({ everywhere = false } = {}) {
  session = null;
  if (everywhere) announce('locked');
}

// -------------------------------------------------------------------------------------------------
// Entries: each read returns { entry, v }; each change is one transaction

/** Every entry, decrypted; `damaged` counts records that fail their check (they are left as they are). */
export async function entries() {
  const keys = unlocked();
  const records = await transact([RECORDS], 'readonly', (tx) => tx.objectStore(RECORDS).getAll());
  const out = [];
  let damaged = 0;
  for (const r of records) {
    try {
      out.push({ entry: await open(r, recordAad(r.rid, r.v), keys), v: r.v });
    } catch {
      damaged += 1;
    }
  }
  return { list: out, damaged };
}

/** Adds a new entry; the same case id twice is refused (`duplicate`) inside the transaction. */
export async function add(entry) {
  const record = await sealRecord(entry, 1, unlocked());
  try {
    await transact([RECORDS], 'readwrite', (tx) => { tx.objectStore(RECORDS).add(record); });
  } catch (e) {
    if (e.key === 'storageFailed' && e.params.msg === 'ConstraintError') throw new CaseloadError('duplicate', { id: entry.id });
    throw e;
  }
  announce('changed');
}

/**
 * Writes `entry` over version `v`; refused (`conflict`) when the stored version moved on in another
 * tab, so neither tab silently overwrites the other. Returns the new version.
 */
export async function save(entry, v) {
  const record = await sealRecord(entry, v + 1, unlocked());
  await transact([RECORDS], 'readwrite', (tx, abort) => {
    const store = tx.objectStore(RECORDS);
    store.get(record.rid).onsuccess = (ev) => {
      const current = ev.target.result;
      if (!current || current.v !== v) return abort(new CaseloadError('conflict', { id: entry.id }));
      store.put(record);
      return undefined;
    };
  });
  announce('changed');
  return v + 1;
}

/** Deletes entries ({ entry, v } as read) in one transaction; refused when one changed meanwhile. */
export async function remove(items) {
  const keys = unlocked();
  const rids = await Promise.all(items.map(({ entry }) => recordKey(entry.id, keys)));
  await transact([RECORDS], 'readwrite', (tx, abort) => {
    const store = tx.objectStore(RECORDS);
    items.forEach(({ entry, v }, i) => {
      store.get(rids[i]).onsuccess = (ev) => {
        if (ev.target.result?.v !== v) return abort(new CaseloadError('conflict', { id: entry.id }));
        store.delete(rids[i]);
        return undefined;
      };
    });
  });
  announce('changed');
}

// -------------------------------------------------------------------------------------------------
// The backup file: the full copy, sealed with the data key, which travels wrapped under the passphrase

const b64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const BACKUP_AAD = `${BACKUP_FORMAT}|payload`;

/** The backup file's text: every entry (notes and free text included), readable only with the passphrase. */
export async function backup() {
  const keys = unlocked();
  const meta = await transact([META], 'readonly', (tx) => tx.objectStore(META).get('keys'));
  const { list } = await entries();
  const sealed = await seal(list.map((x) => x.entry), BACKUP_AAD, keys);
  const box = (w) => ({ iv: b64(w.iv), ct: b64(w.ct) });
  return JSON.stringify({
    format: BACKUP_FORMAT,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: meta.kdf.iterations, salt: b64(meta.kdf.salt) },
    keys: { data: box(meta.keys.data), mac: box(meta.keys.mac) },
    payload: box(sealed),
  });
}

/** The backup's parts, or `foreignFile` for anything that is not one (nothing is changed). */
function readBackup(text) {
  try {
    const f = JSON.parse(text);
    // An earlier version's backup: a plain list of entries (restored, and the file named as unprotected).
    if (Array.isArray(f) && f.length && f.every(isEntry)) return { plain: f };
    const it = f.kdf.iterations;
    if (f.format !== BACKUP_FORMAT || f.kdf.name !== 'PBKDF2' || f.kdf.hash !== 'SHA-256'
      || !Number.isInteger(it) || it < MIN_ITERATIONS || it > MAX_ITERATIONS) throw new Error('format');
    const box = (w) => ({ iv: unb64(w.iv), ct: unb64(w.ct) });
    return { kdf: { iterations: it, salt: unb64(f.kdf.salt) }, keys: { data: box(f.keys.data), mac: box(f.keys.mac) }, payload: box(f.payload) };
  } catch {
    throw new CaseloadError('foreignFile');
  }
}

const isEntry = (e) => e && typeof e === 'object' && typeof e.id === 'string' && e.id && e.referral && typeof e.referral === 'object';

/**
 * Restores a backup with its passphrase, in one transaction: entries not in the caseload are added,
 * entries already there are left as they are. A wrong passphrase or a damaged file changes nothing.
 * Returns { added, kept, plain } (`plain`: an unencrypted backup of an earlier version).
 */
export async function restore(text, passphrase) {
  const keys = unlocked();
  const file = readBackup(text);
  let list = file.plain;
  if (!list) {
    const fileKeys = await unwrapKeys(passphrase, file.kdf, file.keys);
    try {
      list = await open(file.payload, BACKUP_AAD, fileKeys);
    } catch {
      throw new CaseloadError('damagedFile');
    }
  }
  if (!Array.isArray(list) || !list.every(isEntry)) throw new CaseloadError('damagedFile');
  list = [...new Map(list.map((e) => [e.id, e])).values()]; // one record per case id
  const records = await Promise.all(list.map((e) => sealRecord(e, 1, keys)));
  let added = 0;
  await transact([RECORDS], 'readwrite', (tx) => {
    const store = tx.objectStore(RECORDS);
    for (const r of records) {
      store.getKey(r.rid).onsuccess = (ev) => {
        if (ev.target.result !== undefined) return;
        store.add(r);
        added += 1;
      };
    }
  });
  announce('changed');
  return { added, kept: records.length - added, plain: !!file.plain };
}

// -------------------------------------------------------------------------------------------------
// Persistence and the other tabs

/** Asks the browser to keep the caseload under storage pressure: 'granted', 'refused' or 'unsupported'. */
export async function persistence() {
  if (!navigator.storage?.persist) return 'unsupported';
  try {
    if (await navigator.storage.persisted()) return 'granted';
    return (await navigator.storage.persist()) ? 'granted' : 'refused';
  } catch {
    return 'refused';
  }
}

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DB_NAME) : null;

function announce(type) {
  channel?.postMessage({ type });
}

/** Calls `fn(type)` when another tab changed ('changed'), locked ('locked') or cleared ('cleared') the caseload. */
export function onOtherTab(fn) {
  if (channel) channel.onmessage = (ev) => fn(ev.data?.type);
}

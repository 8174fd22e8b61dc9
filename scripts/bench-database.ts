import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A throwaway database for one benchmark run, created beside the server's others and dropped after. */
export interface BenchDatabase {
  name: string;
  url: string;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  // Generated from hex digits only, never from input, so it is safe to splice into DDL.
  const name = `kenshu_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

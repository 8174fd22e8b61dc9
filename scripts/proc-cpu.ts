import { readdir, readFile } from 'node:fs/promises';

/** USER_HZ: /proc counts CPU time in ticks of 10 ms on Linux. */
const MS_PER_TICK = 10;

/** The command name and utime + stime (ms) of one /proc/<pid>/stat line. */
function parseStat(stat: string): { name: string; cpuMs: number } | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // utime and stime, fields 14 and 15 of the line, are 11 and 12 after the command name.
  return { name: stat.slice(stat.indexOf('(') + 1, close), cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK };
}

/** CPU used so far by one process, ms (Linux /proc; undefined elsewhere or once it has exited). */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return parseStat(stat)?.cpuMs;
}

/**
 * CPU used so far by the PostgreSQL server's processes on this machine, ms (Linux /proc; undefined
 * elsewhere or when the server runs on another machine). A server process that exits takes its
 * count with it, so this measures what long-lived connections do.
 */
export async function serverCpuMs(): Promise<number | undefined> {
  let total = 0;
  let found = false;
  try {
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const parsed = parseStat(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
      if (!parsed?.name.startsWith('postgres')) continue;
      total += parsed.cpuMs;
      found = true;
    }
  } catch {
    return undefined;
  }
  return found ? total : undefined;
}

/** One process's resident memory now and its peak so far, MiB (Linux /proc; undefined elsewhere or once it has exited). */
export async function processMemoryMiB(pid: number | undefined): Promise<{ resident: number; peak: number } | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const resident = kib('VmRSS');
  const peak = kib('VmHWM');
  return Number.isFinite(resident) && Number.isFinite(peak) ? { resident: resident / 1024, peak: peak / 1024 } : undefined;
}

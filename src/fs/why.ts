// The system's refusals to write, in words: shared by the writes to --out files (target.ts)
// and to standard output (stdout.ts).
export const WRITE_REFUSED: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EBADF: 'it is closed',
};

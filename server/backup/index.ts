/** Backup and restore of a Yishi installation (database + uploaded files); see docs/backup.md. */
export { createBackup, defaultArchiveName, resolveArchivePath, type BackupResult } from './create';
export { BackupError, BACKUP_FORMAT, parseManifest, runBackupCommand, type Manifest } from './manifest';
export { restoreBackup, type RestoreResult } from './restore';
export { listStoredFiles, openTarget, type BackupTarget } from './target';
export { verifyArchive } from './verify';

"""File-system facts the user should know about (Qt-free)."""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "afs",
    "9p",
    "davfs",
    "fuse.rclone",
    "glusterfs",
    "ceph",
    "lustre",
}


def filesystem_type(path: Path) -> str | None:
    """The type of the file system holding path (Linux: from /proc/mounts), or None when unknown."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(Path(path).resolve())
    best, kind = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            mount = parts[1].replace("\\040", " ")
            if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
                best, kind = mount, parts[2]
    return kind


def on_network_drive(path: Path) -> bool:
    """SQLite's locking is unreliable on network file systems; warn before the analyst's work lives there."""
    if os.name == "nt":
        drive = str(Path(path).resolve())
        return drive.startswith("\\\\")
    kind = filesystem_type(Path(path).parent if not Path(path).exists() else Path(path))
    return kind in NETWORK_FS


def writable_reason(path: Path) -> str | None:
    """Why a project at path can only be read (None when it can be written): the file, its folder (SQLite
    writes its journal files beside the project) or a journal file is read-only."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only (no permission to write it)"
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    for companion in (Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        if companion.exists() and not os.access(companion, os.W_OK):
            return f"{companion.name} beside the project is read-only"
    return None

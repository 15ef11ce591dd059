"""The one exception tree of Jixiao.

Every error a user can cause is a :class:`JixiaoError`; anything else that escapes is a bug.
Each edge translates the tree once: the CLI into a message and an exit code, the web API
(later) into one JSON error envelope.

::

    JixiaoError                      exit 1   base; ``message`` is plain Chinese for the user
    ├── InputError                   exit 2   bad input from the user
    │   ├── DecodeError                       bytes that are not text in the expected encoding
    │   ├── ParseError                        text that is not a table of the expected layout
    │   │   └── UnreadableError               a file a reader or its library failed on
    │   ├── LimitError                        a file past a limit (pages, cells, memory, time …)
    │   └── InterchangeError                  JSON that does not follow the interchange schema
    ├── ConfigError                  exit 3   bad settings, rule sets or framework files
    ├── StoreError                   exit 4   the database refused or could not be reached
    │   └── DuplicateError                    a different version of a stored document exists
    ├── NotFoundError                exit 5   what was asked for is not in the store
    ├── ConflictError                exit 6   a stale write: someone changed it first (HTTP 409)
    │   └── WrongStateError                   not possible in the project's workflow state
    ├── AuthError                    exit 7   not signed in, wrong credentials, locked (401)
    ├── PermissionDenied             exit 8   signed in, but not allowed to do that (403)
    └── TamperedError                exit 9   stored records were changed or removed (audit log)

Errors about a file carry ``source`` (its name) and, where known, ``line``; ``str(error)``
renders them as ``文件 X，第 N 行：message``.
"""

from __future__ import annotations

import errno


class JixiaoError(Exception):
    """Base of every error a user can cause."""

    exit_code = 1
    code = "error"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.expected = expected

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling of exceptions; errors
        # travel from worker processes (jixiao.isolation), so they carry their state whole.
        return (_restore, (type(self), self.message), self.__dict__)

    def describe(self, *, with_source: bool = True) -> str:
        """``文件 X，第 N 行：message（应为：expected）``; the file part only if ``with_source``."""
        where = []
        if self.source and with_source:
            where.append(f"文件 {self.source}")
        if self.line is not None:
            where.append(f"第 {self.line} 行")
        text = self.message
        if self.expected:
            text = f"{text}（应为：{self.expected}）"
        return f"{'，'.join(where)}：{text}" if where else text

    def to_dict(self) -> dict[str, object]:
        """The error as plain data, for JSON envelopes and machine-readable reports."""
        return {
            "code": self.code,
            "message": self.message,
            "source": self.source,
            "line": self.line,
            "expected": self.expected,
        }


class InputError(JixiaoError):
    """Bad input from the user: a file, an argument, a JSON document."""

    exit_code = 2
    code = "input"


class DecodeError(InputError):
    """Bytes that cannot be read as text in the expected encoding."""

    code = "decode"


class ParseError(InputError):
    """Text that is not a table of the expected layout."""

    code = "parse"


class UnreadableError(ParseError):
    """A file that made a reader or the library under it fail in a way it does not name (a
    panic in calamine, a recursion in pdfminer, a worker process that died): the file is
    broken or hostile; ``cause`` is the original exception's type, for reports and fuzzing."""

    code = "unreadable"

    def __init__(
        self,
        message: str,
        *,
        cause: str = "",
        source: str | None = None,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(message, source=source, line=line, expected=expected)
        self.cause = cause

    @classmethod
    def of(cls, exc: BaseException, source: str | None) -> UnreadableError:
        """The error for the file ``source`` that a reader or library failed on with ``exc``."""
        kind = type(exc).__name__
        text = str(exc).strip()
        first = text.splitlines()[0][:200] if text else ""
        return cls(
            f"文件已损坏或格式异常，无法读取（{kind}{'：' + first if first else ''}）",
            cause=kind,
            source=source,
            expected="完整、未损坏的表文件",
        )


class LimitError(InputError):
    """A file past one of the limits of :mod:`jixiao.limits`; ``key`` names the limit."""

    code = "limit"

    def __init__(
        self,
        message: str,
        *,
        key: str,
        limit: int,
        value: int | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message, source=source, line=line)
        self.key = key
        self.limit = limit
        self.value = value


class InterchangeError(InputError):
    """A JSON document that does not follow the interchange schema."""

    code = "interchange"


class ConfigError(JixiaoError):
    """Bad settings, rule sets or framework files."""

    exit_code = 3
    code = "config"


class StoreError(JixiaoError):
    """The database refused the operation or could not be reached."""

    exit_code = 4
    code = "store"


class DuplicateError(StoreError):
    """A different version of the same department and year is already stored."""

    code = "duplicate"


class NotFoundError(JixiaoError):
    """What was asked for is not in the store."""

    exit_code = 5
    code = "not_found"


class ConflictError(JixiaoError):
    """A write based on a version that is no longer the current one: someone else changed
    the document first. Nothing was written; read it again and redo the change."""

    exit_code = 6
    code = "conflict"


class WrongStateError(ConflictError):
    """What was asked is not possible in the project's workflow state (送审 a project already
    sent, an edit of an approved version …): HTTP 409, like a stale write."""

    code = "wrong_state"


class AuthError(JixiaoError):
    """Not signed in, a wrong password or token, an expired session, a locked account."""

    exit_code = 7
    code = "unauthorized"


class PermissionDenied(JixiaoError):
    """Signed in, but the account's roles do not allow this."""

    exit_code = 8
    code = "forbidden"


class TamperedError(JixiaoError):
    """Records that must never change were changed or removed: the audit log's hash chain
    does not hold (``jixiao audit verify``). The message names the records."""

    exit_code = 9
    code = "tampered"


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一级不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "所在的文件系统只读",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "文件已存在",
    errno.EMFILE: "同时打开的文件太多",
    errno.EFBIG: "文件太大",
    errno.EIO: "读写设备出错",
    errno.EBUSY: "文件正被占用",
}
"""Operating-system errors as users read them (the system's own text is English)."""


def from_os_error(exc: OSError, path: str | None = None, doing: str = "读取") -> InputError:
    """An :class:`InputError` for ``exc`` met while ``doing`` (读取, 写入 …) the file ``path``
    (else the one the error names): the reason in Chinese, the system's words for the rest."""
    reason = _OS_REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    where = path if path is not None else exc.filename
    return InputError(f"无法{doing}：{reason}", source=None if where is None else str(where))


def _restore(cls: type[JixiaoError], message: str) -> JixiaoError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error

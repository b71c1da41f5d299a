import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_calls_keep_none_alive():
    """PySide6 6.12.0 decremented None on every void call, crashing Python 3.11 after a while."""
    doc = QTextDocument("x" * 5000)
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for i in range(3000):
        cursor.setPosition(i)
    assert sys.getrefcount(None) >= before - 50

"""khabar.memo.Memo: values worked out once, and forgotten all at once when the cap is reached."""
from __future__ import annotations

from khabar.memo import Memo


def test_a_memo_computes_each_key_once_and_empties_at_its_cap():
    calls = []
    memo = Memo(lambda key: calls.append(key) or key.upper(), cap=2)
    assert list(map(memo.__getitem__, ["a", "b", "a", "b"])) == ["A", "B", "A", "B"]
    assert calls == ["a", "b"]
    assert memo["c"] == "C"  # the third key: the memo was full, so it starts again
    assert dict(memo) == {"c": "C"} and calls == ["a", "b", "c"]
    assert "a" not in memo and memo["a"] == "A" and calls[-1] == "a"

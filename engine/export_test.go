package engine

// SetSearchedHook makes f run after each search of a pool, while the
// engine's lock is released: a test calls the engine from f to act
// "during" a search.
func SetSearchedHook(e *Engine, f func()) { e.searched = f }

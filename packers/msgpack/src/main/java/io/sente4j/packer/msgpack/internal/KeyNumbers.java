package io.sente4j.packer.msgpack.internal;

/**
 * The writer's side of one message's map-key cache: each keyword or string key gets the next number the first time
 * it is seen, up to {@link SenteExt#KEY_CACHE_SIZE} keys, as Sente's {@code key-cache-pack!} numbers them.
 *
 * <p>An open-addressed table rather than a {@code HashMap}: it looks a key up on every map key written, and a profile
 * of packing a batch of maps put the {@code HashMap} at an eighth of the packer's time (a node and a boxed number
 * per key, and the hash spread on every lookup). Keys are compared with {@code equals}, so a string and a keyword of
 * the same name stay different keys.
 */
final class KeyNumbers {
  private static final int FIRST_CAPACITY = 16;

  private Object[] keys = new Object[FIRST_CAPACITY];
  private int[] numbers = new int[FIRST_CAPACITY];
  private int size;

  /**
   * The number of {@code key} if it was seen before; otherwise -1, after numbering it if fewer than {@link
   * SenteExt#KEY_CACHE_SIZE} keys are numbered.
   */
  int numberOrAdd(Object key) {
    int slot = slotOf(key, keys);
    if (keys[slot] != null) {
      return numbers[slot];
    }
    if (size < SenteExt.KEY_CACHE_SIZE) {
      if (2 * (size + 1) > keys.length) { // at most half full: probes stay short
        grow();
        slot = slotOf(key, keys);
      }
      keys[slot] = key;
      numbers[slot] = size++;
    }
    return -1;
  }

  /** The slot holding {@code key}, or the empty slot where it belongs. */
  private static int slotOf(Object key, Object[] table) {
    int mask = table.length - 1;
    int h = key.hashCode();
    int i = (h ^ (h >>> 16)) & mask;
    while (true) {
      Object k = table[i];
      if (k == null || k == key || k.equals(key)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    Object[] oldKeys = keys;
    int[] oldNumbers = numbers;
    keys = new Object[oldKeys.length * 2];
    numbers = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = slotOf(oldKeys[i], keys);
        keys[slot] = oldKeys[i];
        numbers[slot] = oldNumbers[i];
      }
    }
  }
}

package io.switchboard.homer.internal;

import io.switchboard.homer.HomerAlias;

/** An alias as Homer holds it: the fields and the {@code guid} its PUT and DELETE paths name. */
record StoredAlias(String guid, HomerAlias alias) {}

package org.victimmonitor.load;

import java.io.Serializable;

/**
 * The output of linking: record {@link StandardRecord#ref()} belongs to person {@code personKey}.
 */
public record PersonAssignment(String recordRef, long personKey) implements Serializable {}

package org.victimmonitor.load;

import java.io.Serializable;

/** A standardised record with the person it was linked to. */
public record LinkedRecord(StandardRecord record, long personKey) implements Serializable {}

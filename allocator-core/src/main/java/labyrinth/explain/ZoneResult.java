package labyrinth.explain;

import labyrinth.core.ZoneCheck;

/**
 * A printed zone and the model's check of it for the report's request; {@code check} is null
 * when the zone was not checked: the request may not use it, the model has no such zone
 * (HighMem, Movable, Device), or the report was not decided. Immutable.
 */
public record ZoneResult(PrintedZone zone, ZoneCheck check) {
}

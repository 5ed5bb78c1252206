package org.victimmonitor.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The name frequency lists of all countries the generator draws people from, by ISO code. */
public final class NameLists {

  static final String RESOURCE_DIR = "/org/victimmonitor/generate/names/";

  private final Map<String, NameList> lists;

  public NameLists(Map<String, NameList> lists) {
    this.lists = new LinkedHashMap<>(lists);
  }

  /** Loads {@code names/<CC>.csv} from the classpath for every country. */
  public static NameLists load(Collection<String> countries) {
    Map<String, NameList> out = new LinkedHashMap<>();
    for (String cc : countries) {
      String path = RESOURCE_DIR + cc + ".csv";
      try (InputStream in = NameLists.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("name list missing from the classpath: " + path);
        }
        out.put(cc, NameList.read(cc, in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read name list " + path, e);
      }
    }
    return new NameLists(out);
  }

  public NameList get(String country) {
    NameList l = lists.get(country);
    if (l == null) {
      throw new IllegalArgumentException("no name list for " + country);
    }
    return l;
  }

  public boolean has(String country) {
    return lists.containsKey(country);
  }
}

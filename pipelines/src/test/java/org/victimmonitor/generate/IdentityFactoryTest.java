package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentityFactoryTest {

  @Test
  void womenGetTheFeminineFormOfGenderedSurnames() {
    NameEntry kowalski = new NameEntry("", "Kowalski", List.of("Kowalska"), List.of());
    NameEntry fem = IdentityFactory.feminine(kowalski, "PL", false);
    assertThat(fem.name()).isEqualTo("Kowalska");
    assertThat(fem.latinVariants()).contains("Kowalski"); // written wrongly now and then

    NameEntry ivanov =
        new NameEntry("", "Ivanov", List.of("Ivanova"), List.of("Иванов", "Иванова"));
    assertThat(IdentityFactory.feminine(ivanov, "BG", false).name()).isEqualTo("Ivanova");
    assertThat(IdentityFactory.feminine(ivanov, "BG", false).nativeVariants())
        .containsExactly("Иванова");

    NameEntry kaz =
        new NameEntry("", "Kazlauskas", List.of("Kazlauskienė", "Kazlauskaitė"), List.of());
    assertThat(IdentityFactory.feminine(kaz, "LT", false).name()).isEqualTo("Kazlauskaitė");
    assertThat(IdentityFactory.feminine(kaz, "LT", true).name()).isEqualTo("Kazlauskienė");

    NameEntry horvath = new NameEntry("", "Horváth", List.of("Horváthová", "Horvath"), List.of());
    assertThat(IdentityFactory.feminine(horvath, "SK", false).name()).isEqualTo("Horváthová");
    assertThat(IdentityFactory.feminine(horvath, "HU", false).name()).isEqualTo("Horváth");
    NameEntry melnyk = new NameEntry("", "Melnyk", List.of("Melnik"), List.of("Мельник"));
    assertThat(IdentityFactory.feminine(melnyk, "UA", false)).isEqualTo(melnyk);
  }

  @Test
  void dutchNationalsMostlyHaveABsnAndForeignVictimsSeldom() {
    IdentityFactory f = new IdentityFactory(NameLists.load(SyntheticDataGenerator.countries()));
    SplittableRandom rng = new SplittableRandom(9);
    int nl = 0;
    int ng = 0;
    for (int i = 0; i < 2000; i++) {
      LocalDate dob = LocalDate.of(1990, 1, 1).plusDays(i);
      nl += f.create("F", dob, "NL", i, LocalDate.of(2020, 1, 1), rng).bsn() == null ? 0 : 1;
      Identity n = f.create("M", dob, "NG", 10_000 + i, LocalDate.of(2020, 1, 1), rng);
      ng += n.bsn() == null ? 0 : 1;
      assertThat(n.origin().country()).isEqualTo("NG");
      if (n.bsn() != null) {
        assertThat(Bsn.isValid(n.bsn())).isTrue();
      }
    }
    assertThat(nl).isGreaterThan(1850);
    assertThat(ng).isLessThan(200);
  }
}

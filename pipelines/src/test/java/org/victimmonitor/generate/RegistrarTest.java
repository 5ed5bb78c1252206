package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegistrarTest {

  static final String NL =
      "kind,prefix,name,weight,variants\n"
          + "female,,Johanna,10,Jo|Joke|Hanna\n"
          + "male,,Cornelis,10,Kees|Cor\n"
          + "surname,van der,Berg,10,Bergh\n"
          + "surname,,Jansen,5,Janssen\n";

  static final String UA =
      "kind,prefix,name,weight,variants\n"
          + "female,,Olena,10,Олена|Elena|Alena\n"
          + "male,,Oleksandr,10,Олександр|Aleksandr|Sasha\n"
          + "surname,,Shevchenko,10,Шевченко|Sevcenko|Shevtchenko\n";

  static NameList list(String cc, String csv) throws IOException {
    return NameList.read(cc, new StringReader(csv));
  }

  /**
   * Writes many records of one person and keeps an example of each difficulty: one with that
   * difficulty alone where there is one.
   */
  static Map<String, WrittenIdentity> examples(Identity id, Registrar.Profile profile, int n) {
    Registrar r = new Registrar(profile);
    SplittableRandom rng = new SplittableRandom(11);
    Map<String, WrittenIdentity> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      WrittenIdentity w = r.write(id, rng);
      if (w.difficulties().isEmpty()) {
        out.putIfAbsent("none", w);
      }
      for (String d : w.difficulties()) {
        WrittenIdentity seen = out.get(d);
        if (seen == null || (seen.difficulties().size() > 1 && w.difficulties().size() == 1)) {
          out.put(d, w);
        }
      }
    }
    return out;
  }

  @Test
  void readsNameListsWithPrefixesAndVariantsByScript() throws IOException {
    NameList nl = list("NL", NL);
    NameList ua = list("UA", UA);
    assertThat(nl.nativeScript()).isFalse();
    assertThat(ua.nativeScript()).isTrue();
    NameEntry olena = ua.sample(NameList.Kind.FEMALE, new SplittableRandom(1));
    assertThat(olena.nativeVariants()).containsExactly("Олена");
    assertThat(olena.latinVariants()).containsExactly("Elena", "Alena");
    NameEntry s = nl.sample(NameList.Kind.SURNAME, new SplittableRandom(1));
    assertThat(s.prefix().isEmpty() || s.prefix().equals("van der")).isTrue();
  }

  @Test
  void dutchPrefixWrittenApartTogetherOrDropped() throws IOException {
    NameList nl = list("NL", NL);
    NameEntry berg = new NameEntry("van der", "Berg", List.of("Bergh"), List.of());
    NameEntry johanna = new NameEntry("", "Johanna", List.of("Jo", "Joke"), List.of());
    NameEntry married = new NameEntry("", "Jansen", List.of(), List.of());
    Identity id =
        new Identity(
            "F",
            LocalDate.of(1990, 3, 7),
            "NL",
            "NL",
            nl,
            johanna,
            berg,
            married,
            Bsn.forIndex(42));
    Map<String, WrittenIdentity> ex = examples(id, Registrar.Profile.CARE, 20_000);

    WrittenIdentity clean = ex.get("none");
    assertThat(clean.columns())
        .containsExactly(
            "Johanna", "van der", "Berg", "1990-03-07", "F", Bsn.forIndex(42), "NL", "NL");
    assertThat(ex.get("prefix:in_surname").surname()).endsWith("van der Berg");
    assertThat(ex.get("prefix:joined").surnamePrefix()).isEmpty();
    assertThat(ex.get("prefix:joined").surname()).matches("(?i)vanderberg|VANDERBERG|vanderBerg");
    assertThat(ex.get("prefix:dropped").surnamePrefix()).isEmpty();
    assertThat(ex.get("names:swapped").surname()).isIn("Johanna", "Jo", "Joke", "JOHANNA");
    assertThat(ex.get("first_name:nickname").firstName()).isIn("Jo", "Joke", "JO", "JOKE");
    assertThat(ex.get("surname:married").surname()).containsIgnoringCase("jansen");
    assertThat(ex.get("dob:year_only").dateOfBirth()).isEqualTo("1990");
    assertThat(ex.get("dob:year_month").dateOfBirth()).isEqualTo("1990-03");
    assertThat(ex.get("dob:missing").dateOfBirth()).isEmpty();
    assertThat(ex.get("dob:day_month_swapped").dateOfBirth())
        .isIn("1990-07-03", "1989-07-03", "1991-07-03");
    assertThat(ex.get("dob:year_off_by_one").dateOfBirth())
        .matches("199[01]-0[37]-0[37]|1989-0[37]-0[37]");
    assertThat(ex.get("bsn:missing").bsn()).isEmpty();
    assertThat(Bsn.isValid(ex.get("bsn:typo").bsn())).isFalse();
    assertThat(Bsn.isValid(ex.get("bsn:wrong_valid").bsn())).isTrue();
    assertThat(ex.get("bsn:wrong_valid").bsn()).isNotEqualTo(Bsn.forIndex(42));
    for (String code :
        List.of(
            "surname:typo",
            "surname:ocr",
            "first_name:transposed",
            "first_name:dropped_letter",
            "surname:added_letter",
            "name:upper_case",
            "sex:missing",
            "nationality:missing",
            "birth_country:missing")) {
      assertThat(ex).as(code).containsKey(code);
    }
  }

  @Test
  void namesFromOtherScriptsAreTransliteratedOrWrittenNatively() throws IOException {
    NameList ua = list("UA", UA);
    NameEntry olena = new NameEntry("", "Olena", List.of("Elena", "Alena"), List.of("Олена"));
    NameEntry shev =
        new NameEntry("", "Shevchenko", List.of("Sevcenko", "Shevtchenko"), List.of("Шевченко"));
    Identity id =
        new Identity("F", LocalDate.of(1985, 11, 30), "UA", "UA", ua, olena, shev, null, null);
    Map<String, WrittenIdentity> ex = examples(id, Registrar.Profile.POLICE, 5_000);
    WrittenIdentity cyrillic = ex.get("name:native_script");
    assertThat(cyrillic.firstName()).isIn("Олена", "ОЛЕНА");
    assertThat(cyrillic.surname()).isIn("Шевченко", "ШЕВЧЕНКО");
    assertThat(ex.get("surname:transliteration").surname())
        .isIn("Sevcenko", "Shevtchenko", "SEVCENKO", "SHEVTCHENKO");
    assertThat(ex.get("first_name:transliteration").firstName())
        .isIn("Elena", "Alena", "ELENA", "ALENA");
    assertThat(ex).doesNotContainKey("bsn:missing"); // she has no BSN to miss
    assertThat(ex.get("none").bsn()).isEmpty();
  }

  @Test
  void diacriticsAreSometimesStripped() throws IOException {
    NameList pl =
        list("PL", "kind,prefix,name,weight,variants\nmale,,Łukasz,1,\nsurname,,Wiśniewski,1,\n");
    NameEntry f = new NameEntry("", "Łukasz", List.of(), List.of());
    NameEntry s = new NameEntry("", "Wiśniewski", List.of(), List.of());
    Identity id = new Identity("M", LocalDate.of(1979, 1, 31), "PL", "PL", pl, f, s, null, null);
    Map<String, WrittenIdentity> ex = examples(id, Registrar.Profile.INSPECTORATE, 200);
    assertThat(ex.get("name:diacritics_stripped").firstName()).isIn("Lukasz", "LUKASZ");
    assertThat(ex.get("none").firstName()).isEqualTo("Łukasz");
  }
}

/**
 * Common passwords of 12 characters or more, written for this project
 * from well-known patterns: common words with year and digit suffixes,
 * keyboard walks, digit runs and repeats. It is a short list, not a
 * breached-password corpus.
 * Shorter passwords need no list, because the minimum length rejects
 * them. Stored in lower case; compare lower-cased input.
 */
const WORDS = `
  !qaz@wsx#edc 000000000000 098765432109 0987654321qwerty 101010101010
  111111111111 112233445566 121212121212 123123123123 123321123321
  12341234123412 123456654321 1234567890-= 123456789012 1234567890123
  12345678901234 123456789012345 1234567890qwerty 1234qwerasdf
  1234qwerasdfzxcv 123abc123abc 147258369147 159753159753 1a2b3c4d5e6f
  1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv 222222222222
  333333333333 444444444444 555555555555 654321123456 666666666666
  741852963741 777777777777 888888888888 987654321098 999999999999
  a1b2c3d4e5f6 aaaaaaaaaaaa aaaaaaaaaaaaaaaa abc123456789 abc123abc123
  abcabcabcabc abcd1234abcd abcdef123456 abcdefghijkl abcdefghijklmnop
  access123456 access1234567 access12345678 admin1234567 admin12345678
  admin123admin admin@123456 adminadmin123 administrator administrator!
  administrator000 administrator007 administrator01 administrator1
  administrator1! administrator111 administrator12 administrator123
  administrator123! administrator1234 administrator12345 administrator123456
  administrator1234567 administrator12345678 administrator2020
  administrator2021 administrator2022 administrator2023 administrator2024
  administrator2025 administrator2026 administrator69 amazon123456
  amazon1234567 amazon12345678 andrew123456 andrew1234567 andrew12345678
  apple1234567 apple12345678 arsenal12345 arsenal123456 arsenal1234567
  arsenal12345678 asdf1234asdf asdfasdfasdf asdfghjkl000 asdfghjkl007
  asdfghjkl111 asdfghjkl123 asdfghjkl123! asdfghjkl1234 asdfghjkl12345
  asdfghjkl123456 asdfghjkl1234567 asdfghjkl12345678 asdfghjkl2020
  asdfghjkl2021 asdfghjkl2022 asdfghjkl2023 asdfghjkl2024 asdfghjkl2025
  asdfghjkl2026 asdfghjklqwerty ashley123456 ashley1234567 ashley12345678
  autumn123456 autumn1234567 autumn12345678 baseball123! baseball1234
  baseball12345 baseball123456 baseball1234567 baseball12345678 baseball2020
  baseball2021 baseball2022 baseball2023 baseball2024 baseball2025
  baseball2026 basketball000 basketball007 basketball01 basketball1!
  basketball111 basketball12 basketball123 basketball123! basketball1234
  basketball12345 basketball123456 basketball1234567 basketball12345678
  basketball2020 basketball2021 basketball2022 basketball2023 basketball2024
  basketball2025 basketball2026 basketball69 batman123456 batman1234567
  batman12345678 buster123456 buster1234567 buster12345678 butterfly000
  butterfly007 butterfly111 butterfly123 butterfly123! butterfly1234
  butterfly12345 butterfly123456 butterfly1234567 butterfly12345678
  butterfly2020 butterfly2021 butterfly2022 butterfly2023 butterfly2024
  butterfly2025 butterfly2026 changeme123! changeme1234 changeme12345
  changeme123456 changeme1234567 changeme12345678 changeme2020 changeme2021
  changeme2022 changeme2023 changeme2024 changeme2025 changeme2026
  changemechangeme charlie12345 charlie123456 charlie1234567 charlie12345678
  chelsea12345 chelsea123456 chelsea1234567 chelsea12345678 chocolate000
  chocolate007 chocolate111 chocolate123 chocolate123! chocolate1234
  chocolate12345 chocolate123456 chocolate1234567 chocolate12345678
  chocolate2020 chocolate2021 chocolate2022 chocolate2023 chocolate2024
  chocolate2025 chocolate2026 computer123! computer1234 computer12345
  computer123456 computer1234567 computer12345678 computer2020 computer2021
  computer2022 computer2023 computer2024 computer2025 computer2026
  cookie123456 cookie1234567 cookie12345678 correcthorsebatterystaple
  daniel123456 daniel1234567 daniel12345678 default12345 dragon123456
  dragon1234567 dragon12345678 dragondragon facebook123! facebook1234
  facebook12345 facebook123456 facebook1234567 facebook12345678 facebook2020
  facebook2021 facebook2022 facebook2023 facebook2024 facebook2025
  facebook2026 flower123456 flower1234567 flower12345678 football123!
  football1234 football12345 football123456 football1234567 football12345678
  football2020 football2021 football2022 football2023 football2024
  football2025 football2026 freedom12345 freedom123456 freedom1234567
  freedom12345678 ginger123456 ginger1234567 ginger12345678 google123456
  google1234567 google12345678 guestguest12 harley123456 harley1234567
  harley12345678 hello1234567 hello12345678 hockey123456 hockey1234567
  hockey12345678 hunter123456 hunter1234567 hunter12345678 iloveyou123!
  iloveyou1234 iloveyou12345 iloveyou123456 iloveyou1234567 iloveyou12345678
  iloveyou2020 iloveyou2021 iloveyou2022 iloveyou2023 iloveyou2024
  iloveyou2025 iloveyou2026 iloveyou4ever iloveyoubaby iloveyouforever
  iloveyouiloveyou internet123! internet1234 internet12345 internet123456
  internet1234567 internet12345678 internet2020 internet2021 internet2022
  internet2023 internet2024 internet2025 internet2026 iphone123456
  iphone1234567 iphone12345678 jennifer123! jennifer1234 jennifer12345
  jennifer123456 jennifer1234567 jennifer12345678 jennifer2020 jennifer2021
  jennifer2022 jennifer2023 jennifer2024 jennifer2025 jennifer2026
  jessica12345 jessica123456 jessica1234567 jessica12345678 jordan123456
  jordan1234567 jordan12345678 joshua123456 joshua1234567 joshua12345678
  killer123456 killer1234567 killer12345678 letmein12345 letmein123456
  letmein1234567 letmein12345678 letmeinletmein linkedin123! linkedin1234
  linkedin12345 linkedin123456 linkedin1234567 linkedin12345678 linkedin2020
  linkedin2021 linkedin2022 linkedin2023 linkedin2024 linkedin2025
  linkedin2026 liverpool000 liverpool007 liverpool111 liverpool123
  liverpool123! liverpool1234 liverpool12345 liverpool123456 liverpool1234567
  liverpool12345678 liverpool2020 liverpool2021 liverpool2022 liverpool2023
  liverpool2024 liverpool2025 liverpool2026 login1234567 login12345678
  lovely123456 lovely1234567 lovely12345678 loveyou12345 loveyou123456
  loveyou1234567 loveyou12345678 maggie123456 maggie1234567 maggie12345678
  master123456 master1234567 master12345678 matthew12345 matthew123456
  matthew1234567 matthew12345678 michael12345 michael123456 michael1234567
  michael12345678 microsoft000 microsoft007 microsoft111 microsoft123
  microsoft123! microsoft1234 microsoft12345 microsoft123456 microsoft1234567
  microsoft12345678 microsoft2020 microsoft2021 microsoft2022 microsoft2023
  microsoft2024 microsoft2025 microsoft2026 monkey123456 monkey1234567
  monkey12345678 monkeymonkey mustang12345 mustang123456 mustang1234567
  mustang12345678 mypassword123 mypassword1234 nicole123456 nicole1234567
  nicole12345678 nopassword12 p@ssw0rd123! p@ssw0rd1234 p@ssw0rd12345
  p@ssw0rd123456 p@ssw0rd1234567 p@ssw0rd12345678 p@ssw0rd2020 p@ssw0rd2021
  p@ssw0rd2022 p@ssw0rd2023 p@ssw0rd2024 p@ssw0rd2025 p@ssw0rd2026
  p@ssword123! p@ssword1234 p@ssword12345 p@ssword123456 p@ssword1234567
  p@ssword12345678 p@ssword2020 p@ssword2021 p@ssword2022 p@ssword2023
  p@ssword2024 p@ssword2025 p@ssword2026 passw0rd123! passw0rd1234
  passw0rd12345 passw0rd123456 passw0rd1234567 passw0rd12345678 passw0rd2020
  passw0rd2021 passw0rd2022 passw0rd2023 passw0rd2024 passw0rd2025
  passw0rd2026 passw0rdpassw0rd password123! password1234 password12345
  password12345! password123456 password1234567 password12345678 password2020
  password2021 password2022 password2023 password2024 password2025
  password2026 passwordpassword pepper123456 pepper1234567 pepper12345678
  pokemon12345 pokemon123456 pokemon1234567 pokemon12345678 princess123!
  princess1234 princess12345 princess123456 princess1234567 princess12345678
  princess2020 princess2021 princess2022 princess2023 princess2024
  princess2025 princess2026 q1w2e3r4t5y6 q1w2e3r4t5y6u7 qazwsxedcrfv
  qqqqqqqqqqqq qwer1234qwer qwerty123456 qwerty1234567 qwerty12345678
  qwerty1234567890 qwerty@12345 qwertyqwerty qwertyuiop000 qwertyuiop007
  qwertyuiop01 qwertyuiop1! qwertyuiop111 qwertyuiop12 qwertyuiop123
  qwertyuiop123! qwertyuiop1234 qwertyuiop12345 qwertyuiop123456
  qwertyuiop1234567 qwertyuiop12345678 qwertyuiop2020 qwertyuiop2021
  qwertyuiop2022 qwertyuiop2023 qwertyuiop2024 qwertyuiop2025 qwertyuiop2026
  qwertyuiop69 qwertyuiop[] qwertyuiopasdfghjkl ranger123456 ranger1234567
  ranger12345678 rootrootroot samsung12345 samsung123456 samsung1234567
  samsung12345678 secret123456 secret1234567 secret12345678 shadow123456
  shadow1234567 shadow12345678 soccer123456 soccer1234567 soccer12345678
  spring123456 spring1234567 spring12345678 starwars123! starwars1234
  starwars12345 starwars123456 starwars1234567 starwars12345678 starwars2020
  starwars2021 starwars2022 starwars2023 starwars2024 starwars2025
  starwars2026 summer123456 summer1234567 summer12345678 summer2024!!
  sunshine123! sunshine1234 sunshine12345 sunshine123456 sunshine1234567
  sunshine12345678 sunshine2020 sunshine2021 sunshine2022 sunshine2023
  sunshine2024 sunshine2025 sunshine2026 superman123! superman1234
  superman12345 superman123456 superman1234567 superman12345678 superman2020
  superman2021 superman2022 superman2023 superman2024 superman2025
  superman2026 test12345678 testing12345 testtesttest thequickbrownfox
  thisismypassword thomas123456 thomas1234567 thomas12345678 toortoortoor
  trustno1123! trustno11234 trustno112345 trustno1123456 trustno11234567
  trustno112345678 trustno12020 trustno12021 trustno12022 trustno12023
  trustno12024 trustno12025 trustno12026 trustno1trustno1 twitter12345
  twitter123456 twitter1234567 twitter12345678 user12345678 username1234
  welcome12345 welcome123456 welcome1234567 welcome12345678 welcome@1234
  welcomewelcome whatever123! whatever1234 whatever12345 whatever123456
  whatever1234567 whatever12345678 whatever2020 whatever2021 whatever2022
  whatever2023 whatever2024 whatever2025 whatever2026 winter123456
  winter1234567 winter12345678 winter2024!! zaq12wsxcde3 zxcvbnm12345
  zxcvbnm123456 zxcvbnm1234567 zxcvbnm12345678 zxcvbnmasdfg
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  WORDS.split(/\s+/).filter((word) => word !== ''),
);

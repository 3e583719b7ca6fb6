"""Embedded reference lists for the synthetic lake: names, nicknames, streets, cities, domains.

Lists are ordered from most to least common; `population.py` draws from them with a Zipf-like
skew so that `Smith` and `James` are common and the tail is rare. Surnames get an extra long
tail of syllable-built names (`LAST_PREFIXES` x `LAST_SUFFIXES`) so truly rare values exist
even at a million customers. Everything here is plain data; no randomness.
"""

from __future__ import annotations

# fmt: off

MALE_FIRST_NAMES: tuple[str, ...] = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew",
    "Paul", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason",
    "Edward", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen",
    "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick",
    "Frank", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Nathan",
    "Henry", "Zachary", "Douglas", "Peter", "Kyle", "Noah", "Ethan", "Jeremy", "Walter",
    "Christian", "Keith", "Roger", "Terry", "Austin", "Sean", "Gerald", "Carl", "Harold", "Dylan",
    "Arthur", "Lawrence", "Jordan", "Jesse", "Bryan", "Billy", "Bruce", "Gabriel", "Joe", "Logan",
    "Alan", "Juan", "Albert", "Willie", "Elijah", "Wayne", "Randy", "Vincent", "Mason", "Roy",
    "Ralph", "Bobby", "Russell", "Bradley", "Phillip", "Eugene", "Liam", "Luis", "Carlos",
    "Howard", "Frederick", "Louis", "Martin", "Leonard", "Stanley", "Theodore", "Mitchell",
    "Cameron", "Hunter", "Caleb", "Isaac", "Luke", "Owen", "Wyatt", "Levi", "Julian", "Miguel",
    "Diego", "Antonio", "Marcus", "Victor", "Oscar", "Curtis", "Jamal", "Darnell", "Malik",
    "Tyrone", "DeShawn", "Andre", "Hector", "Ricardo", "Fernando", "Javier", "Alejandro", "Mateo",
    "Santiago", "Xavier", "Ezekiel", "Wei", "Hiroshi", "Kenji", "Raj", "Arjun", "Vikram",
    "Mohammed", "Omar", "Ahmed", "Dmitri", "Sergei", "Giovanni", "Lorenzo", "Thaddeus", "Barnaby",
    "Cornelius", "Ignatius", "Lysander", "Bartholomew", "Zbigniew", "Oluwaseun", "Tenzin", "Kwame",
)

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
    "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily",
    "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Dorothy",
    "Rebecca", "Sharon", "Laura", "Cynthia", "Amy", "Kathleen", "Angela", "Shirley", "Brenda",
    "Emma", "Anna", "Pamela", "Nicole", "Samantha", "Katherine", "Christine", "Helen", "Debra",
    "Rachel", "Carolyn", "Janet", "Maria", "Catherine", "Heather", "Diane", "Olivia", "Julie",
    "Joyce", "Victoria", "Ruth", "Virginia", "Lauren", "Kelly", "Christina", "Joan", "Evelyn",
    "Judith", "Andrea", "Hannah", "Megan", "Cheryl", "Jacqueline", "Martha", "Madison", "Theresa",
    "Gloria", "Sara", "Janice", "Ann", "Kathryn", "Abigail", "Sophia", "Frances", "Jean", "Alice",
    "Judy", "Isabella", "Julia", "Grace", "Amber", "Denise", "Danielle", "Marilyn", "Beverly",
    "Charlotte", "Natalie", "Diana", "Brittany", "Doris", "Kayla", "Alexis", "Lori", "Marie",
    "Ava", "Mia", "Chloe", "Ella", "Zoe", "Lily", "Aria", "Camila", "Valerie", "Allison",
    "Eleanor", "Alexandra", "Jasmine", "Tiffany", "Crystal", "Monica", "Erica", "Vanessa",
    "Veronica", "Rosa", "Yolanda", "Guadalupe", "Ximena", "Lucia", "Destiny", "Keisha", "Latoya",
    "Imani", "Ebony", "Mei", "Yuki", "Priya", "Ananya", "Fatima", "Aisha", "Leila", "Svetlana",
    "Ingrid", "Siobhan", "Niamh", "Persephone", "Winifred", "Clementine", "Philippa", "Ottoline",
    "Marguerite", "Wilhelmina", "Oluwadamilola", "Nkechi",
)

# formal first name -> nicknames people actually go by (Bob/Robert, Liz/Elizabeth, ...)
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby"), "William": ("Bill", "Will", "Billy"),
    "James": ("Jim", "Jimmy", "Jamie"), "Michael": ("Mike", "Mikey"),
    "Richard": ("Rick", "Dick", "Rich"), "Thomas": ("Tom", "Tommy"), "Joseph": ("Joe", "Joey"),
    "Charles": ("Charlie", "Chuck"), "Christopher": ("Chris",), "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",), "Anthony": ("Tony",), "Steven": ("Steve",), "Andrew": ("Andy", "Drew"),
    "Joshua": ("Josh",), "Kenneth": ("Ken", "Kenny"), "Edward": ("Ed", "Eddie", "Ted"),
    "Timothy": ("Tim",), "Ronald": ("Ron", "Ronnie"), "Jeffrey": ("Jeff",), "Nicholas": ("Nick",),
    "Benjamin": ("Ben",), "Samuel": ("Sam",), "Gregory": ("Greg",), "Alexander": ("Alex",),
    "Patrick": ("Pat",), "Jonathan": ("Jon",), "Nathan": ("Nate",), "Zachary": ("Zach",),
    "Douglas": ("Doug",), "Peter": ("Pete",), "Gerald": ("Jerry",), "Lawrence": ("Larry",),
    "Raymond": ("Ray",), "Frederick": ("Fred",), "Albert": ("Al",), "Walter": ("Walt",),
    "Eugene": ("Gene",), "Gabriel": ("Gabe",), "Vincent": ("Vince",), "Phillip": ("Phil",),
    "Russell": ("Russ",), "Leonard": ("Leo", "Len"), "Harold": ("Hal",), "Henry": ("Hank",),
    "Jacob": ("Jake",), "Mitchell": ("Mitch",), "Theodore": ("Ted", "Teddy"), "David": ("Dave",),
    "Donald": ("Don",), "Stanley": ("Stan",), "Bradley": ("Brad",),
    "Elizabeth": ("Liz", "Beth", "Betsy"), "Katherine": ("Kate", "Katie", "Kathy"),
    "Catherine": ("Cathy", "Cat"), "Kathleen": ("Kathy",), "Margaret": ("Maggie", "Peggy", "Meg"),
    "Jennifer": ("Jen", "Jenny"), "Patricia": ("Pat", "Patty", "Trish"), "Susan": ("Sue", "Susie"),
    "Jessica": ("Jess",), "Deborah": ("Deb", "Debbie"), "Rebecca": ("Becky", "Becca"),
    "Kimberly": ("Kim",), "Cynthia": ("Cindy",), "Christine": ("Chris", "Chrissy"),
    "Christina": ("Tina",), "Victoria": ("Vicky", "Tori"), "Abigail": ("Abby",),
    "Samantha": ("Sam",), "Alexandra": ("Alex", "Lexi"), "Barbara": ("Barb",),
    "Dorothy": ("Dot", "Dottie"), "Pamela": ("Pam",), "Theresa": ("Terry", "Tess"),
    "Judith": ("Judy",), "Jacqueline": ("Jackie",), "Stephanie": ("Steph",), "Melissa": ("Missy",),
    "Amanda": ("Mandy",), "Sandra": ("Sandy",), "Madison": ("Maddie",), "Olivia": ("Liv",),
    "Isabella": ("Bella",), "Sophia": ("Sophie",), "Valerie": ("Val",), "Allison": ("Ally",),
    "Evelyn": ("Evie",), "Eleanor": ("Ellie", "Nell"), "Frances": ("Fran",),
}

LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
    "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy",
    "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
    "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez",
    "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez",
    "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Powell",
    "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
    "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander",
    "Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes",
    "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray",
    "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "McDonald", "Woods",
    "Washington", "Kennedy", "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb", "Tucker",
    "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter", "Hunter", "Gordon", "Mendez",
    "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt", "Hicks", "Holmes", "Palmer",
    "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren", "Mills",
    "Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto",
    "Weaver", "Ryan", "Gardner", "Payne", "Grant", "Dunn", "Kelley", "Spencer", "Hawkins",
    "Arnold", "Pierce", "Vazquez", "Hansen", "Peters", "Santos", "Hart", "Bradley", "Knight",
    "Elliott", "Cunningham", "Duncan", "Armstrong", "Hudson", "Carroll", "Lane", "Riley",
    "Andrews", "Alvarado", "Ray", "Delgado", "Berry", "Perkins", "Hoffman", "Johnston", "Matthews",
    "Pena", "Richards", "Contreras", "Willis", "Carpenter", "Lawrence", "Sandoval", "Guerrero",
    "George", "Chapman", "Rios", "Estrada", "Ortega", "Watkins", "Greene", "Nunez", "Wheeler",
    "Valdez", "Harper", "Burke", "Larson", "Santiago", "Maldonado", "Morrison", "Franklin",
    "Carlson", "Austin", "Dominguez", "Carr", "Lawson", "Jacobs", "O'Brien", "Lynch", "Singh",
    "Vega", "Bishop", "Montgomery", "Oliver", "Jensen", "Harvey", "Williamson", "Gilbert", "Dean",
    "Sims", "Espinoza", "Howell", "Li", "Wong", "Reid", "Hanson", "Le", "McCoy", "Garrett",
    "Burton", "Fuller", "Wang", "Weber", "Welch", "Rojas", "Lucas", "Marquez", "Fields", "Park",
    "Yang", "Little", "Banks", "Padilla", "Day", "Walsh", "Bowman", "Schultz", "Luna", "Fowler",
    "Mejia", "Davidson", "Acosta", "Brewer", "May", "Holland", "Juarez", "Newman", "Pearson",
    "Curtis", "Cortez", "Douglas", "Schneider", "Joseph", "Barrett", "Navarro", "Figueroa",
    "Keller", "Avila", "Wade", "Molina", "Stanley", "Hopkins", "Campos", "Barnett", "Bates",
    "Chambers", "Caldwell", "Beck", "Lambert", "Miranda", "Byrd", "Craig", "Ayala", "Lowe",
    "Frazier", "Powers", "Neal", "Leonard", "Gregory", "Carrillo", "Sutton", "Fleming", "Rhodes",
    "Shelton", "Schwartz", "Norris", "Jennings", "Watts", "Duran", "Walters", "Cohen", "McDaniel",
    "Moran", "Parks", "Steele", "Vaughn", "Becker", "Holt", "DeLeon", "Barker", "Terry", "Hale",
    "Leon", "O'Connor", "Fitzgerald", "MacKenzie", "D'Angelo", "St. Clair", "Van Buren",
    "Smith-Jones", "Garcia-Lopez", "Yamamoto", "Nakamura", "Tanaka", "Okafor", "Adeyemi",
    "Petrakis", "Lindqvist", "Haugen", "Szabo", "Kovacs", "Novak", "Dvorak", "Horvath",
    "Zielinski", "Kowalczyk", "Abernathy", "Quackenbush", "Thistlewood", "Vandermeer", "Oyelaran",
    "Featherstonehaugh",
)

# Rare tail: prefix + suffix gives ~2,000 distinct plausible surnames (Kowalberg, Lindmann...).
LAST_PREFIXES: tuple[str, ...] = (
    "Ash", "Bel", "Brom", "Cal", "Dal", "Eck", "Fair", "Gold", "Hal", "Hart", "Iver", "Kal",
    "Kowal", "Lind", "Mar", "Mont", "Nor", "Oak", "Pem", "Quin", "Ros", "Sand", "Stan", "Thorn",
    "Ul", "Vand", "Wal", "Wex", "Yar", "Zell", "Ober", "Blum", "Crane", "Dorf", "Els", "Fitz",
    "Gris", "Holm", "Jor", "Kirk", "Lang", "Mol", "Nest", "Pax", "Rad",
)

LAST_SUFFIXES: tuple[str, ...] = (
    "berg", "mann", "ford", "ton", "wood", "field", "stein", "ski", "son", "ley", "well", "worth",
    "by", "croft", "hurst", "more", "wick", "dale", "ridge", "shaw", "combe", "ington", "ova",
    "enko", "quist", "strom", "ard", "iak", "otti", "ez", "ow", "ey", "bury", "ham", "land",
    "away", "ner", "inger", "holt", "vik", "lund", "gaard", "icz",
)

STREET_NAMES: tuple[str, ...] = (
    "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Walnut",
    "Sunset", "Lincoln", "Jackson", "Church", "River", "Highland", "Willow", "Meadow", "Forest",
    "Ridge", "Spring", "Center", "Jefferson", "Franklin", "Madison", "Adams", "Chestnut", "Birch",
    "Dogwood", "Magnolia", "Hickory", "Sycamore", "Cherry", "Laurel", "Prospect", "Union",
    "Market", "Broad", "Water", "Mill", "School", "North", "South", "First", "Second", "Third",
    "Fourth", "Fifth", "Sixth", "1st", "2nd", "3rd", "Valley", "Green", "Lakeview", "Hillside",
    "Woodland", "Orchard", "Cypress", "Aspen", "Juniper", "Poplar", "Spruce", "Hawthorne",
    "Sierra", "Mesa", "Canyon", "Bayshore", "Harbor", "Ocean", "Bay", "Summit", "Fairview",
    "Pleasant", "Liberty", "Independence", "Heritage", "Colonial", "Kingston", "Windsor",
    "Cambridge", "Oxford", "Devonshire", "Martin Luther King Jr", "Cesar Chavez", "Peachtree",
    "Bourbon", "Monroe", "Grant", "Sherman", "Garfield", "Roosevelt", "Kennedy", "Wilson",
    "Taylor", "Cleveland", "Evergreen", "Rosewood", "Briarwood", "Foxglove", "Quail Run",
    "Deer Creek", "Stonebridge", "Mockingbird", "Bluebonnet", "Palmetto", "Saguaro", "Tamarack",
)

# (abbreviation, full word); abbreviations dominate in most exports
STREET_TYPES: tuple[tuple[str, str], ...] = (
    ("St", "Street"), ("Ave", "Avenue"), ("Rd", "Road"), ("Dr", "Drive"), ("Ln", "Lane"),
    ("Blvd", "Boulevard"), ("Ct", "Court"), ("Pl", "Place"), ("Way", "Way"), ("Cir", "Circle"),
    ("Ter", "Terrace"), ("Pkwy", "Parkway"), ("Hwy", "Highway"), ("Trl", "Trail"),
)

STREET_TYPE_WEIGHTS: tuple[float, ...] = (
    30, 22, 12, 12, 7, 4, 4, 2, 2, 1.5, 1, 1, 0.8, 0.7,
)

UNIT_DESIGNATORS: tuple[str, ...] = (
    "Apt", "Unit", "#", "Suite",
)

# (city, state, first zip of the city, area code); ordered roughly by population
CITIES: tuple[tuple[str, str, int, int], ...] = (
    ("New York", "NY", 10001, 212), ("Los Angeles", "CA", 90001, 213),
    ("Chicago", "IL", 60601, 312), ("Houston", "TX", 77001, 713), ("Phoenix", "AZ", 85001, 602),
    ("Philadelphia", "PA", 19102, 215), ("San Antonio", "TX", 78201, 210),
    ("San Diego", "CA", 92101, 619), ("Dallas", "TX", 75201, 214), ("San Jose", "CA", 95110, 408),
    ("Austin", "TX", 78701, 512), ("Jacksonville", "FL", 32202, 904),
    ("Fort Worth", "TX", 76102, 817), ("Columbus", "OH", 43215, 614),
    ("Charlotte", "NC", 28202, 704), ("Indianapolis", "IN", 46204, 317),
    ("San Francisco", "CA", 94102, 415), ("Seattle", "WA", 98101, 206),
    ("Denver", "CO", 80202, 303), ("Washington", "DC", 20001, 202),
    ("Nashville", "TN", 37201, 615), ("Oklahoma City", "OK", 73102, 405),
    ("El Paso", "TX", 79901, 915), ("Boston", "MA", 2108, 617), ("Portland", "OR", 97201, 503),
    ("Las Vegas", "NV", 89101, 702), ("Detroit", "MI", 48201, 313), ("Memphis", "TN", 38103, 901),
    ("Louisville", "KY", 40202, 502), ("Baltimore", "MD", 21201, 410),
    ("Milwaukee", "WI", 53202, 414), ("Albuquerque", "NM", 87102, 505),
    ("Tucson", "AZ", 85701, 520), ("Fresno", "CA", 93721, 559), ("Sacramento", "CA", 95814, 916),
    ("Kansas City", "MO", 64105, 816), ("Mesa", "AZ", 85201, 480), ("Atlanta", "GA", 30303, 404),
    ("Omaha", "NE", 68102, 402), ("Colorado Springs", "CO", 80903, 719),
    ("Raleigh", "NC", 27601, 919), ("Miami", "FL", 33130, 305), ("Minneapolis", "MN", 55401, 612),
    ("Tulsa", "OK", 74103, 918), ("Cleveland", "OH", 44113, 216), ("Wichita", "KS", 67202, 316),
    ("New Orleans", "LA", 70112, 504), ("Tampa", "FL", 33602, 813), ("Honolulu", "HI", 96813, 808),
    ("Anchorage", "AK", 99501, 907), ("Pittsburgh", "PA", 15222, 412),
    ("Cincinnati", "OH", 45202, 513), ("St. Louis", "MO", 63101, 314),
    ("Orlando", "FL", 32801, 407), ("Salt Lake City", "UT", 84101, 801),
    ("Boise", "ID", 83702, 208), ("Richmond", "VA", 23219, 804), ("Des Moines", "IA", 50309, 515),
    ("Birmingham", "AL", 35203, 205), ("Buffalo", "NY", 14202, 716),
    ("Rochester", "NY", 14604, 585), ("Hartford", "CT", 6103, 860),
    ("Providence", "RI", 2903, 401), ("Madison", "WI", 53703, 608), ("Spokane", "WA", 99201, 509),
    ("Little Rock", "AR", 72201, 501), ("Jackson", "MS", 39201, 601),
    ("Charleston", "SC", 29401, 843), ("Savannah", "GA", 31401, 912),
    ("Knoxville", "TN", 37902, 865), ("Lexington", "KY", 40507, 859), ("Akron", "OH", 44308, 330),
    ("Dayton", "OH", 45402, 937), ("Toledo", "OH", 43604, 419), ("Grand Rapids", "MI", 49503, 616),
    ("Fort Wayne", "IN", 46802, 260), ("Springfield", "IL", 62701, 217),
    ("Springfield", "MO", 65806, 417), ("Springfield", "MA", 1103, 413),
    ("Portland", "ME", 4101, 207), ("Burlington", "VT", 5401, 802),
    ("Manchester", "NH", 3101, 603), ("Wilmington", "DE", 19801, 302), ("Newark", "NJ", 7102, 973),
    ("Jersey City", "NJ", 7302, 201), ("Syracuse", "NY", 13202, 315), ("Albany", "NY", 12207, 518),
    ("Fargo", "ND", 58102, 701), ("Sioux Falls", "SD", 57104, 605), ("Billings", "MT", 59101, 406),
    ("Cheyenne", "WY", 82001, 307), ("Reno", "NV", 89501, 775), ("Eugene", "OR", 97401, 541),
    ("Tacoma", "WA", 98402, 253), ("Bakersfield", "CA", 93301, 661),
    ("Riverside", "CA", 92501, 951), ("Oakland", "CA", 94612, 510),
    ("Long Beach", "CA", 90802, 562), ("Santa Ana", "CA", 92701, 714), ("Plano", "TX", 75074, 972),
    ("Lubbock", "TX", 79401, 806), ("Corpus Christi", "TX", 78401, 361),
    ("Baton Rouge", "LA", 70801, 225), ("Shreveport", "LA", 71101, 318),
    ("Mobile", "AL", 36602, 251), ("Montgomery", "AL", 36104, 334),
    ("Chattanooga", "TN", 37402, 423), ("Greensboro", "NC", 27401, 336),
    ("Durham", "NC", 27701, 984), ("Norfolk", "VA", 23510, 757), ("Arlington", "VA", 22201, 703),
    ("Columbia", "SC", 29201, 803), ("Columbia", "MO", 65201, 573), ("Augusta", "GA", 30901, 706),
    ("Tallahassee", "FL", 32301, 850), ("St. Petersburg", "FL", 33701, 727),
    ("Fort Lauderdale", "FL", 33301, 954), ("Lincoln", "NE", 68508, 531),
    ("Topeka", "KS", 66603, 785), ("Ann Arbor", "MI", 48104, 734), ("Evanston", "IL", 60201, 847),
    ("Naperville", "IL", 60540, 630), ("Aurora", "CO", 80010, 720), ("Aurora", "IL", 60505, 331),
)

# Time zone of each state, for CRM offsets.
STATE_ZONES: dict[str, str] = {
    "NY": "America/New_York", "CA": "America/Los_Angeles", "IL": "America/Chicago",
    "TX": "America/Chicago", "AZ": "America/Phoenix", "PA": "America/New_York",
    "FL": "America/New_York", "OH": "America/New_York", "NC": "America/New_York",
    "IN": "America/Indiana/Indianapolis", "WA": "America/Los_Angeles", "CO": "America/Denver",
    "DC": "America/New_York", "TN": "America/Chicago", "OK": "America/Chicago",
    "MA": "America/New_York", "OR": "America/Los_Angeles", "NV": "America/Los_Angeles",
    "MI": "America/Detroit", "KY": "America/New_York", "MD": "America/New_York",
    "WI": "America/Chicago", "NM": "America/Denver", "MO": "America/Chicago",
    "GA": "America/New_York", "NE": "America/Chicago", "MN": "America/Chicago",
    "KS": "America/Chicago", "LA": "America/Chicago", "HI": "Pacific/Honolulu",
    "AK": "America/Anchorage", "UT": "America/Denver", "ID": "America/Boise",
    "VA": "America/New_York", "IA": "America/Chicago", "AL": "America/Chicago",
    "CT": "America/New_York", "RI": "America/New_York", "AR": "America/Chicago",
    "MS": "America/Chicago", "SC": "America/New_York", "ME": "America/New_York",
    "VT": "America/New_York", "NH": "America/New_York", "DE": "America/New_York",
    "NJ": "America/New_York", "ND": "America/Chicago", "SD": "America/Chicago",
    "MT": "America/Denver", "WY": "America/Denver",
}

# Extra area codes for mobiles bought elsewhere (people keep their number when they move).
EXTRA_AREA_CODES: tuple[int, ...] = (
    646, 917, 718, 347, 323, 310, 818, 626, 773, 872, 281, 832, 469, 682, 737, 786, 954, 561, 239,
    941, 678, 770, 470, 980, 252, 540, 571, 240, 301, 443, 267, 484, 610, 412, 724, 216, 440, 248,
    586, 269, 989, 262, 920, 651, 763, 952, 320, 218, 385, 435, 928, 623, 480, 702, 725, 530, 209,
    707, 831, 805, 925, 650, 669, 360, 425, 971, 458, 907,
)

FREE_MAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "comcast.net",
    "att.net", "msn.com", "protonmail.com", "live.com", "me.com",
)

FREE_MAIL_WEIGHTS: tuple[float, ...] = (
    42, 14, 9, 9, 8, 4, 3, 3, 2, 2, 2, 2,
)

# domains of old addresses people moved away from
LEGACY_MAIL_DOMAINS: tuple[str, ...] = (
    "aol.com", "hotmail.com", "yahoo.com", "earthlink.net", "juno.com", "sbcglobal.net",
    "verizon.net", "bellsouth.net", "cox.net", "charter.net",
)

# fictional employers (organization in ticketing, business e-mail domain)
ORGANIZATIONS: tuple[tuple[str, str], ...] = (
    ("AnyCompany", "anycompany.com"), ("Example Corp", "example.com"),
    ("Globex Corporation", "globex.com"), ("Initech", "initech.com"),
    ("Umbrella Corp", "umbrellacorp.com"), ("Hooli", "hooli.com"),
    ("Vandelay Industries", "vandelay.com"), ("Stark Industries", "starkindustries.com"),
    ("Wayne Enterprises", "wayneenterprises.com"), ("Wonka Industries", "wonka.com"),
    ("Cyberdyne Systems", "cyberdyne.com"), ("Soylent Corp", "soylent.com"),
    ("Tyrell Corporation", "tyrell.com"), ("Dunder Mifflin", "dundermifflin.com"),
    ("Prestige Worldwide", "prestigeworldwide.com"), ("Sterling Cooper", "sterlingcooper.com"),
    ("Pied Piper", "piedpiper.com"), ("Massive Dynamic", "massivedynamic.com"),
    ("Oscorp", "oscorp.com"), ("Monarch Solutions", "monarchsolutions.com"),
    ("Bluth Company", "bluthcompany.com"), ("Gekko & Co", "gekko.com"),
    ("Octan Energy", "octan.com"), ("Nakatomi Trading", "nakatomi.com"),
    ("Wernham Hogg", "wernhamhogg.com"), ("Los Pollos Hermanos", "lospolloshermanos.com"),
    ("Kramerica", "kramerica.com"), ("Aperture Science", "aperture.com"),
    ("Black Mesa Research", "blackmesa.com"), ("Duff Brewing", "duff.com"),
    ("Krusty Krab", "krustykrab.com"), ("Virtucon", "virtucon.com"),
    ("Weyland Yutani", "weyland.com"), ("Ollivanders", "ollivanders.com"),
    ("Genco Pura Olive Oil", "genco.com"), ("Spacely Sprockets", "spacely.com"),
    ("Cogswell Cogs", "cogswell.com"), ("Acme Markets Inc", "acmemarkets.com"),
    ("Rekall", "rekall.com"), ("Sirius Cybernetics", "siriuscybernetics.com"),
)

EMAIL_HANDLE_WORDS: tuple[str, ...] = (
    "sunny", "blue", "tiger", "happy", "coffee", "rocket", "pixel", "ninja", "lucky", "silver",
    "river", "storm", "maple", "shadow", "cosmic", "dragon", "falcon", "mango", "panda", "wolf",
    "jazz", "surfer", "gamer", "skater", "runner", "chef", "music", "dream", "star", "moon",
    "cool", "red", "green", "golden", "wild", "lazy", "crazy",
)
# fmt: on

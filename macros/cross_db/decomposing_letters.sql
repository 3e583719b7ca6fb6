{#- The letters of the Basic Multilingual Plane that Unicode decomposes
    (NFD) into one letter and combining marks only, and that letter: what
    DuckDB's strip_accents folds (Latin, Greek, Cyrillic and a few Indic
    and Arabic letters; Hangul syllables, which decompose into letters, are
    not among them). Generated from Python's unicodedata; the test
    tests/python/test_strip_diacritics.py generates it again and checks that
    it is unchanged and that DuckDB's strip_accents folds each letter alike.
    A dict of two equally long texts, `accented` and `plain`, for translate(). -#}
{% macro decomposing_letters() -%}
    {%- set accented = [
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíî',
        'ïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ',
        'ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő',
        'ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽ',
        'žƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵ',
        'ǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧ',
        'ȨȩȪȫȬȭȮȯȰȱȲȳΆΈΉΊΌΎΏΐΪΫάέήίΰϊϋόύώϓϔЀЁЃЇЌЍ',
        'ЎЙйѐёѓїќѝўѶѷӁӂӐӑӒӓӖӗӚӛӜӝӞӟӢӣӤӥӦӧӪӫӬӭӮӯӰӱ',
        'ӲӳӴӵӸӹآأؤإئۀۂۓऩऱऴक़ख़ग़ज़ड़ढ़फ़य़ড়ঢ়য়ਲ਼ਸ਼ਖ਼ਗ਼ਜ਼ਫ਼ଡ଼ଢ଼གྷཌྷདྷབྷ',
        'ཛྷཀྵဦḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤ',
        'ḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌ',
        'ṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴ',
        'ṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạ',
        'ẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉ',
        'ỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰự',
        'ỲỳỴỵỶỷỸỹἀἁἂἃἄἅἆἇἈἉἊἋἌἍἎἏἐἑἒἓἔἕἘἙἚἛἜἝἠἡἢἣ',
        'ἤἥἦἧἨἩἪἫἬἭἮἯἰἱἲἳἴἵἶἷἸἹἺἻἼἽἾἿὀὁὂὃὄὅὈὉὊὋὌὍ',
        'ὐὑὒὓὔὕὖὗὙὛὝὟὠὡὢὣὤὥὦὧὨὩὪὫὬὭὮὯὰάὲέὴήὶίὸόὺύ',
        'ὼώᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥ',
        'ᾦᾧᾨᾩᾪᾫᾬᾭᾮᾯᾰᾱᾲᾳᾴᾶᾷᾸᾹᾺΆᾼῂῃῄῆῇῈΈῊΉῌῐῑῒΐῖῗῘῙ',
        'ῚΊῠῡῢΰῤῥῦῧῨῩῪΎῬῲῳῴῶῷῸΌῺΏῼÅがぎぐげござじずぜぞだぢづで',
        'どばぱびぴぶぷべぺぼぽゔゞガギグゲゴザジズゼゾダヂヅデドバパビピブプベペボポヴヷ',
        'ヸヹヺヾיִײַשׁשׂשּׁשּׂאַאָאּבּגּדּהּוּזּטּיּךּכּלּמּנּסּףּפּצּקּרּשּתּוֹבֿכֿפֿ',
    ] -%}
    {%- set plain = [
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiii',
        'inooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeG',
        'gGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo',
        'RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZ',
        'zOoUuAaIiOoUuUuUuUuUuAaAaÆæGgKkOoOoƷʒjGg',
        'NnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAa',
        'EeOoOoOoOoYyΑΕΗΙΟΥΩιΙΥαεηιυιυουωϒϒЕЕГІКИ',
        'УИиеегікиуѴѵЖжАаАаЕеӘәЖжЗзИиИиОоӨөЭэУуУу',
        'УуЧчЫыااوايەہےनरळकखगजडढफयডঢযਲਸਖਗਜਫଡଢགཌདབ',
        'ཛཀဥAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhH',
        'hHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnO',
        'oOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuU',
        'uUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyſAa',
        'AaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIi',
        'IiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUu',
        'YyYyYyYyααααααααΑΑΑΑΑΑΑΑεεεεεεΕΕΕΕΕΕηηηη',
        'ηηηηΗΗΗΗΗΗΗΗιιιιιιιιΙΙΙΙΙΙΙΙοοοοοοΟΟΟΟΟΟ',
        'υυυυυυυυΥΥΥΥωωωωωωωωΩΩΩΩΩΩΩΩααεεηηιιοουυ',
        'ωωααααααααΑΑΑΑΑΑΑΑηηηηηηηηΗΗΗΗΗΗΗΗωωωωωω',
        'ωωΩΩΩΩΩΩΩΩαααααααΑΑΑΑΑηηηηηΕΕΗΗΗιιιιιιΙΙ',
        'ΙΙυυυυρρυυΥΥΥΥΡωωωωωΟΟΩΩΩAかきくけこさしすせそたちつて',
        'とははひひふふへへほほうゝカキクケコサシスセソタチツテトハハヒヒフフヘヘホホウワ',
        'ヰヱヲヽיײששששאאאבגדהוזטיךכלמנסףפצקרשתובכפ',
    ] -%}
    {{ return({'accented': accented | join, 'plain': plain | join}) }}
{%- endmacro %}

#!/usr/bin/perl
# Writes a small MaxMind DB file for the GeoIP tests:
#   203.0.113.0/24  -> DE Germany
#   2001:db8::/32   -> FR France
#   198.51.100.0/24 -> registered_country US United States (no "country")
# Usage: write-test-mmdb.pl OUTPUT.mmdb
# Needs MaxMind::DB::Writer (Debian: libmaxmind-db-writer-perl).
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $output = shift or die "usage: $0 OUTPUT.mmdb\n";

my %types = (
    country            => 'map',
    registered_country => 'map',
    iso_code           => 'utf8_string',
    names              => 'map',
    en                 => 'utf8_string',
);

# The test networks are documentation ranges, which the writer drops as
# reserved unless told otherwise.
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => 6,
    record_size              => 24,
    database_type            => 'Soulfra-Test-Country',
    languages                => ['en'],
    description              => { en => 'Soulfra Gateway test database' },
    map_key_type_callback    => sub { $types{ $_[0] } },
    remove_reserved_networks => 0,
);

$tree->insert_network('203.0.113.0/24', { country => { iso_code => 'DE', names => { en => 'Germany' } } });
$tree->insert_network('2001:db8::/32', { country => { iso_code => 'FR', names => { en => 'France' } } });
$tree->insert_network('198.51.100.0/24',
    { registered_country => { iso_code => 'US', names => { en => 'United States' } } });

open my $file, '>:raw', $output or die "cannot write $output: $!\n";
$tree->write_tree($file);
close $file or die "cannot write $output: $!\n";
